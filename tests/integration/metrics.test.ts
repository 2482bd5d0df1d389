import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic, updateTopic } from '@yipan/domain';
import { ErrorBody } from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import { openAdjustment } from '../support/openAdjustment';
import { startServer, type TestServer } from '../support/startServer';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const PLAN = 'county-2-2021';
const TOPIC = 'county-2-2021-old-estates';
/** Edits the writer makes; each is one update received, applied and committed. */
const EDITS = 5;
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
/** An address from the documentation range (RFC 5737): a scraper that is not the machine itself. */
const REMOTE_ADDRESS = '203.0.113.7';

/** One sample of the exposition: `name{labels} value`. */
type Sample = { name: string; labels: Record<string, string>; value: number };

/**
 * A sample line: metric name, optional label set, value (Prometheus text format 0.0.4). Values are Go
 * floats, so NaN and Inf in any case (prom-client writes `Nan` before the event loop has been sampled).
 */
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ((?:[0-9.eE+-]+|nan|[+-]?inf))$/i;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses exposition text, failing the test on any line that is neither a comment nor a sample. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, name = '', labelText = '', value = ''] = match;
    const labels = Object.fromEntries(
      [...labelText.matchAll(LABEL_PAIR)].map(([, key = '', val = '']) => [key, val]),
    );
    samples.push({ name, labels, value: Number(value) });
  }
  return samples;
}

/** A parsed scrape, with the value of one series (0 when absent, as for a counter never incremented). */
type Scrape = { samples: Sample[]; value(name: string, labels?: Record<string, string>): number };

/** Scrapes `/metrics` as Prometheus would (from loopback), asserting the status and content type. */
async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = parseExposition(await response.text());
  return {
    samples,
    value: (name, labels = {}) =>
      samples.find(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
      )?.value ?? 0,
  };
}

describeEachDialect('the metrics endpoint', (dialect) => {
  const { running, connect, closeAll } = useTestServer(dialect);
  // The demo county plan is approved: the writer changes its topics within an adjustment.
  beforeAll(() => openAdjustment(running().editor, PLAN));

  it('serves Prometheus text with the process defaults and every Yipan metric', async () => {
    const { samples } = await scrape(running().baseUrl);
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of [
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
      'yipan_yjs_connections',
      'yipan_socketio_connections',
      'yipan_documents_open',
      'yipan_yjs_updates_received_total',
      'yipan_yjs_updates_applied_total',
      'yipan_yjs_frame_errors_total',
      'yipan_persistence_delay_seconds_count',
      'yipan_socketio_events_total',
    ])
      expect(names, name).toContain(name);
  });

  it('moves with connections, edits, dropped updates, board events and API errors', async () => {
    const { baseUrl, editor, token } = running();
    const before = await scrape(baseUrl);

    // Two writers on one plan.
    const writer = await connect(PLAN);
    const peer = await connect(PLAN);
    const open = await scrape(baseUrl);
    expect(open.value('yipan_yjs_connections')).toBe(before.value('yipan_yjs_connections') + 2);
    expect(open.value('yipan_documents_open')).toBeGreaterThanOrEqual(1);

    for (let month = 1; month <= EDITS; month += 1) updateTopic(writer.doc, TOPIC, { month });
    await waitFor('the peer to see the last edit', () =>
      peer.topics().some((topic) => topic.id === TOPIC && topic.month === EDITS),
    );

    // One update from a read-only connection: dropped, and counted as such.
    const reader = await connect(PLAN, { mode: 'read' });
    addTopic(reader.doc, { title: '只读连接试图新增的议题' });

    // A board socket that sends one known event and one the protocol does not know.
    const board = await connectBoardSocket(baseUrl, { token });
    if (!board.ok) throw new Error(`board refused: ${board.code}`);
    const socket: BoardSocket = board.socket;
    const watched = await socket.emitWithAck('plan:watch', { planId: PLAN });
    expect(watched).toEqual({ ok: true });
    // A made-up event name, as a misbehaving client could send: it must not become a label.
    (socket as unknown as { emit(event: string): void }).emit('made-up:event');

    // A 404 and a 400 from the API, as the client saw them.
    const missing = await editor.fetch('/api/no-such-endpoint');
    expect(missing.status).toBe(404);
    const missingCode = ErrorBody.parse(await missing.json()).error.code;
    const invalid = await editor.fetch(`/api/plans/${PLAN}/adjustments`, { method: 'POST', body: '{}' });
    expect(invalid.status).toBe(400);
    const invalidCode = ErrorBody.parse(await invalid.json()).error.code;

    let during = before;
    await waitFor('the metrics to show the edits, the drop, the commits and the board events', async () => {
      during = await scrape(baseUrl);
      return (
        during.value('yipan_yjs_updates_dropped_total', { reason: 'read_only' }) >=
          before.value('yipan_yjs_updates_dropped_total', { reason: 'read_only' }) + 1 &&
        during.value('yipan_persistence_delay_seconds_count') >=
          before.value('yipan_persistence_delay_seconds_count') + EDITS &&
        during.value('yipan_socketio_events_total', { event: 'unknown' }) >=
          before.value('yipan_socketio_events_total', { event: 'unknown' }) + 1
      );
    });
    const moved = (name: string, labels?: Record<string, string>) =>
      during.value(name, labels) - before.value(name, labels);
    expect(during.value('yipan_yjs_connections')).toBe(before.value('yipan_yjs_connections') + 3);
    expect(during.value('yipan_socketio_connections')).toBe(before.value('yipan_socketio_connections') + 1);
    expect(moved('yipan_yjs_updates_received_total')).toBeGreaterThanOrEqual(EDITS + 1);
    expect(moved('yipan_yjs_updates_applied_total')).toBeGreaterThanOrEqual(EDITS);
    expect(moved('yipan_yjs_updates_dropped_total', { reason: 'read_only' })).toBe(1);
    expect(moved('yipan_yjs_updates_dropped_total', { reason: 'invalid' })).toBe(0);
    expect(moved('yipan_yjs_frame_errors_total')).toBe(0);
    expect(moved('yipan_persistence_delay_seconds_count')).toBeGreaterThanOrEqual(EDITS);
    // Every commit lands in a bucket; the 100 ms promise itself is watched on the le="0.1" bucket in production,
    // not asserted here, where two shared cores may stall a batch.
    expect(moved('yipan_persistence_delay_seconds_bucket', { le: '+Inf' })).toBe(
      moved('yipan_persistence_delay_seconds_count'),
    );
    expect(moved('yipan_persistence_delay_seconds_sum')).toBeGreaterThan(0);
    expect(moved('yipan_socketio_events_total', { event: 'plan:watch' })).toBe(1);
    expect(moved('yipan_socketio_events_total', { event: 'unknown' })).toBe(1);
    expect(during.samples.some((sample) => JSON.stringify(sample.labels).includes('made-up'))).toBe(false);
    expect(moved('yipan_http_errors_total', { status: '404', code: missingCode })).toBe(1);
    expect(moved('yipan_http_errors_total', { status: '400', code: invalidCode })).toBe(1);

    // Everyone leaves: the gauges come back down.
    socket.disconnect();
    closeAll();
    await waitFor('the connection gauges to fall back', async () => {
      const after = await scrape(baseUrl);
      return (
        after.value('yipan_yjs_connections') === before.value('yipan_yjs_connections') &&
        after.value('yipan_socketio_connections') === before.value('yipan_socketio_connections')
      );
    });
  });
});

describe('access to the metrics endpoint [sqlite]', () => {
  /** Runs `body` against a server started with `options`, stopping it afterwards. */
  async function withServer(
    options: Parameters<typeof startServer>[1],
    body: (server: TestServer) => Promise<void>,
  ): Promise<void> {
    const server = await startServer('sqlite', options);
    try {
      await body(server);
    } finally {
      await server.stop();
    }
  }

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    await withServer({ metricsToken: METRICS_TOKEN }, async ({ baseUrl }) => {
      const bare = await fetch(`${baseUrl}/metrics`);
      expect(bare.status).toBe(401);
      expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(ErrorBody.parse(await bare.json()).error.code).toBe('unauthenticated');
      const wrong = await fetch(`${baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}x` },
      });
      expect(wrong.status).toBe(401);
      const scraped = await scrape(baseUrl, { authorization: `Bearer ${METRICS_TOKEN}` });
      // The refusals above are counted too.
      expect(scraped.value('yipan_http_errors_total', { status: '401', code: 'unauthenticated' })).toBe(2);
    });
  });

  it('answers only the machine itself when no token is set', async () => {
    await withServer({ security: { trustProxy: true } }, async ({ baseUrl }) => {
      const remote = await fetch(`${baseUrl}/metrics`, { headers: { 'x-forwarded-for': REMOTE_ADDRESS } });
      expect(remote.status).toBe(403);
      expect(ErrorBody.parse(await remote.json()).error.code).toBe('forbidden');
      await scrape(baseUrl, { 'x-forwarded-for': '127.0.0.1' });
      await scrape(baseUrl);
    });
  });
});
