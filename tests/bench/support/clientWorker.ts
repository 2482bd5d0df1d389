import * as Y from 'yjs';
import { openClient, type BenchClient } from './benchClient';
import { emptyHistogram, record, type HistogramData } from './histogram';
import { nowMs, seededRandom, typeInto, watchProbes } from './planContent';
import type {
  ClientSpec,
  CollectResult,
  EditorSpec,
  EditResult,
  OpenResult,
  SendRecord,
  WorkerReply,
  WorkerRequest,
} from './workerProtocol';

/**
 * A load-generating process: it holds a share of the benchmark's clients (real providers, each
 * with its own socket and Y.Doc), makes their edits on schedule and records the latency of every
 * edit it receives. The coordinator drives it over IPC (see ClientPool).
 */

// Every y-websocket provider registers a process 'exit' handler; thousands per worker are expected.
process.setMaxListeners(0);

const clients = new Map<string, BenchClient>();
/** Document name of each client, for send records. */
const docNames = new Map<string, string>();
let latency: HistogramData = emptyHistogram();
let measuring = false;

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function openOne(spec: ClientSpec, timeoutMs: number): Promise<number | null> {
  const started = nowMs();
  const client = openClient(spec.target);
  clients.set(spec.key, client);
  docNames.set(spec.key, spec.target.docName);
  watchProbes(client.doc, (ms) => {
    if (measuring) record(latency, ms);
  });
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref());
  const synced = await Promise.race([client.synced.then(() => true), timeout]);
  return synced ? nowMs() - started : null;
}

async function open(specs: ClientSpec[], concurrency: number, timeoutMs: number): Promise<OpenResult> {
  const syncMs: number[] = [];
  let failed = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < specs.length) {
      const spec = specs[next++];
      if (!spec) return;
      const ms = await openOne(spec, timeoutMs);
      if (ms === null) failed += 1;
      else syncMs.push(ms);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { syncMs, failed };
}

function edit(request: Extract<WorkerRequest, { type: 'edit' }>): Promise<EditResult> {
  const periodMs = 1000 / request.ratePerSec;
  const endAt = request.startAtMs + request.durationMs;
  const sends: SendRecord[] = [];
  let sent = 0;
  let lateMs = 0;
  const runs = request.editors.map(
    (editor: EditorSpec, index) =>
      new Promise<void>((resolve) => {
        const client = clients.get(editor.key);
        if (!client) {
          resolve();
          return;
        }
        const random = seededRandom(index + 1);
        let due = request.startAtMs + editor.phaseMs;
        let sequence = 0;
        const step = (): void => {
          lateMs = Math.max(lateMs, nowMs() - due);
          typeInto(client.doc, editor.topicId, editor.key, sequence++, random);
          sent += 1;
          if (request.trackSends) {
            const { doc } = client;
            const docName = docNames.get(editor.key) ?? '';
            sends.push([docName, doc.clientID, Y.getState(doc.store, doc.clientID), nowMs()]);
          }
          due += periodMs;
          schedule();
        };
        // An editor whose next edit falls after the window is done now, not when that edit would be due.
        const schedule = (): void => {
          if (due >= endAt) resolve();
          else setTimeout(step, Math.max(0, due - nowMs()));
        };
        schedule();
      }),
  );
  return Promise.all(runs).then(() => ({ sent, sends, lateMs }));
}

function collect(): CollectResult {
  let disconnects = 0;
  for (const client of clients.values()) disconnects += client.disconnects();
  const result = { latency, received: latency.count, disconnects };
  latency = emptyHistogram();
  return result;
}

async function handle(request: WorkerRequest): Promise<OpenResult | EditResult | CollectResult | null> {
  switch (request.type) {
    case 'open':
      return open(request.clients, request.concurrency, request.timeoutMs);
    case 'edit':
      return edit(request);
    case 'measure':
      measuring = request.on;
      if (request.on) latency = emptyHistogram();
      return null;
    case 'collect':
      return collect();
    case 'close':
      for (const client of clients.values()) client.destroy();
      clients.clear();
      docNames.clear();
      return null;
  }
}

process.on('message', (message: WorkerRequest) => {
  handle(message).then(
    (result) => reply({ type: 'reply', id: message.id, ok: true, result }),
    (error: unknown) =>
      reply({
        type: 'reply',
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
process.on('disconnect', () => process.exit(0));
