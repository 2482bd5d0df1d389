import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emptyHistogram, merge } from './histogram';
import {
  isWorkerReply,
  type ClientSpec,
  type CollectResult,
  type EditorSpec,
  type EditResult,
  type OpenResult,
  type WorkerRequest,
} from './workerProtocol';

const WORKER = fileURLToPath(new URL('./clientWorker.ts', import.meta.url));
/** Sockets a worker opens at once; more would measure the accept queue, not the server. */
const OPEN_CONCURRENCY = 25;
/** How long a client may take to sync before it counts as failed. */
const OPEN_TIMEOUT_MS = 60_000;

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** One worker process and its pending requests. */
class Worker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: unknown) => {
      if (!isWorkerReply(message)) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`client worker failed: ${message.error}`));
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`client worker exited with ${code}`));
      this.pending.clear();
    });
  }

  call<T>(request: Request): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.child.send({ ...request, id });
    });
  }
}

/**
 * The coordinator's handle on the load-generating worker processes. Clients are spread over the
 * workers round-robin and addressed by key afterwards.
 */
export class ClientPool {
  private readonly home = new Map<string, Worker>();

  private constructor(private readonly workers: Worker[]) {}

  /** Forks `count` worker processes. */
  static start(count: number): ClientPool {
    // BENCH_WORKER_PROFILE_DIR: profile the load generator itself (`node --cpu-prof`), to see what a client costs.
    const profileDir = process.env.BENCH_WORKER_PROFILE_DIR;
    const execArgv = [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import',
      'tsx',
    ];
    const workers = Array.from(
      { length: count },
      () => new Worker(fork(WORKER, [], { execArgv, serialization: 'advanced' })),
    );
    return new ClientPool(workers);
  }

  /** PIDs of the worker processes (their CPU is the load generator's, not the server's). */
  pids(): number[] {
    return this.workers.flatMap((worker) => (worker.child.pid === undefined ? [] : [worker.child.pid]));
  }

  /** Opens clients, spread over the workers, and waits until each synced (or timed out). */
  async open(clients: readonly ClientSpec[]): Promise<OpenResult> {
    const shares = this.workers.map((): ClientSpec[] => []);
    clients.forEach((spec, index) => {
      const slot = index % this.workers.length;
      shares[slot]?.push(spec);
      const worker = this.workers[slot];
      if (worker) this.home.set(spec.key, worker);
    });
    const results = await Promise.all(
      this.workers.map((worker, slot) =>
        worker.call<OpenResult>({
          type: 'open',
          clients: shares[slot] ?? [],
          concurrency: OPEN_CONCURRENCY,
          timeoutMs: OPEN_TIMEOUT_MS,
        }),
      ),
    );
    return {
      syncMs: results.flatMap((result) => result.syncMs),
      failed: results.reduce((sum, result) => sum + result.failed, 0),
    };
  }

  /** Makes the given clients edit at `ratePerSec` each from `startAtMs` for `durationMs`; resolves when all are done. */
  async edit(options: {
    editors: readonly EditorSpec[];
    startAtMs: number;
    durationMs: number;
    ratePerSec: number;
    trackSends?: boolean;
  }): Promise<EditResult> {
    const results = await Promise.all(
      this.workers.map((worker) =>
        worker.call<EditResult>({
          type: 'edit',
          editors: options.editors.filter((editor) => this.home.get(editor.key) === worker),
          startAtMs: options.startAtMs,
          durationMs: options.durationMs,
          ratePerSec: options.ratePerSec,
          trackSends: options.trackSends ?? false,
        }),
      ),
    );
    return {
      sent: results.reduce((sum, result) => sum + result.sent, 0),
      sends: results.flatMap((result) => result.sends),
      lateMs: Math.max(0, ...results.map((result) => result.lateMs)),
    };
  }

  /** Starts (clearing earlier samples) or stops recording edit-to-receipt latency. */
  async measure(on: boolean): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.call({ type: 'measure', on })));
  }

  /** Latencies and drops recorded since `measure(true)`, merged over the workers. */
  async collect(): Promise<CollectResult> {
    const results = await Promise.all(
      this.workers.map((worker) => worker.call<CollectResult>({ type: 'collect' })),
    );
    const latency = emptyHistogram();
    for (const result of results) merge(latency, result.latency);
    return {
      latency,
      received: latency.count,
      disconnects: results.reduce((sum, result) => sum + result.disconnects, 0),
    };
  }

  /** Closes every client (the workers stay). */
  async closeClients(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.call({ type: 'close' })));
    this.home.clear();
  }

  /** Closes every client and ends the workers. */
  async stop(): Promise<void> {
    await this.closeClients().catch(() => undefined);
    for (const worker of this.workers) worker.child.disconnect();
  }
}

/** Spreads `count` editors' phases evenly over one edit period, so their edits do not arrive in bursts. */
export function evenPhases(count: number, ratePerSec: number): number[] {
  const periodMs = 1000 / ratePerSec;
  return Array.from({ length: count }, (_, index) => (index * periodMs) / Math.max(1, count));
}
