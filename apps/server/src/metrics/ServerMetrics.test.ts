import { describe, expect, it } from 'vitest';
import { createSyncStats } from '../sync/SyncStats';
import { ServerMetrics } from './ServerMetrics';
import { UNKNOWN_EVENT_LABEL } from './boardEventLabel';

/** A metrics object over fresh statistics the test can move. */
function fixture() {
  const sync = createSyncStats();
  const projection = { projections: 0, failures: 0 };
  const docStore = {
    batches: 0,
    rows: 0,
    failedBatches: 0,
    compactions: 0,
    compactionsSkipped: 0,
    queued: 0,
  };
  let boardSockets = 0;
  const metrics = new ServerMetrics({ sync, projection, docStore, boardSockets: () => boardSockets });
  return { metrics, sync, projection, docStore, setBoardSockets: (count: number) => (boardSockets = count) };
}

/** The value of one series in the registry's JSON form, 0 when absent. */
async function valueOf(
  metrics: ServerMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  const series = metric?.values.find((value) =>
    Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
  );
  return series?.value ?? 0;
}

describe('ServerMetrics', () => {
  it('reads the sync, projection and board numbers at each scrape', async () => {
    const { metrics, sync, projection, docStore, setBoardSockets } = fixture();
    expect(await valueOf(metrics, 'yipan_yjs_connections')).toBe(0);
    sync.connections = 3;
    sync.openDocs = 2;
    sync.receivedUpdates = 10;
    sync.appliedUpdates = 7;
    sync.droppedReadOnlyUpdates = 2;
    sync.droppedInvalidUpdates = 1;
    projection.projections = 4;
    docStore.queued = 6;
    setBoardSockets(5);
    expect(await valueOf(metrics, 'yipan_yjs_connections')).toBe(3);
    expect(await valueOf(metrics, 'yipan_documents_open')).toBe(2);
    expect(await valueOf(metrics, 'yipan_socketio_connections')).toBe(5);
    expect(await valueOf(metrics, 'yipan_yjs_updates_received_total')).toBe(10);
    expect(await valueOf(metrics, 'yipan_yjs_updates_applied_total')).toBe(7);
    expect(await valueOf(metrics, 'yipan_yjs_updates_dropped_total', { reason: 'read_only' })).toBe(2);
    expect(await valueOf(metrics, 'yipan_yjs_updates_dropped_total', { reason: 'invalid' })).toBe(1);
    expect(await valueOf(metrics, 'yipan_projection_runs_total')).toBe(4);
    expect(await valueOf(metrics, 'yipan_persistence_queued_updates')).toBe(6);
    // Scraping twice does not count twice.
    expect(await valueOf(metrics, 'yipan_yjs_updates_received_total')).toBe(10);
  });

  it('puts persistence delays into buckets around the 100 ms promise', async () => {
    const { metrics } = fixture();
    metrics.observePersistence(8);
    metrics.observePersistence(90);
    metrics.observePersistence(400);
    expect(await valueOf(metrics, 'yipan_persistence_delay_seconds', { le: '0.01' })).toBe(1);
    expect(await valueOf(metrics, 'yipan_persistence_delay_seconds', { le: '0.1' })).toBe(2);
    expect(await valueOf(metrics, 'yipan_persistence_delay_seconds', { le: '0.5' })).toBe(3);
  });

  it('labels board events by their protocol name only', async () => {
    const { metrics } = fixture();
    metrics.countBoardEvent('plan:watch');
    metrics.countBoardEvent('plan:watch');
    metrics.countBoardEvent('made-up-event-1');
    metrics.countBoardEvent('made-up-event-2');
    expect(await valueOf(metrics, 'yipan_socketio_events_total', { event: 'plan:watch' })).toBe(2);
    expect(await valueOf(metrics, 'yipan_socketio_events_total', { event: UNKNOWN_EVENT_LABEL })).toBe(2);
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('made-up-event');
  });

  it('counts HTTP errors by status and code, on a registry of its own', async () => {
    const first = fixture().metrics;
    const second = fixture().metrics;
    first.countHttpError(404, 'not_found');
    expect(await valueOf(first, 'yipan_http_errors_total', { status: '404', code: 'not_found' })).toBe(1);
    expect(await valueOf(second, 'yipan_http_errors_total', { status: '404', code: 'not_found' })).toBe(0);
    // The process and Node.js defaults are there too, under their standard names.
    expect(await first.registry.metrics()).toContain('process_cpu_user_seconds_total');
  });
});
