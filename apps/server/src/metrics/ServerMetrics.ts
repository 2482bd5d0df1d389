import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DocStoreStats } from '@yipan/db';
import type { ProjectionStats } from '../projection/PlanProjector';
import type { SyncStats } from '../sync/SyncStats';
import { BOARD_EVENT_NAMES, boardEventLabel } from './boardEventLabel';
import type { RelayStats } from '../cluster/RedisDocRelay';

/** Prefix of Yipan's own metrics; the process and Node.js defaults keep their standard names for stock dashboards. */
export const METRIC_PREFIX = 'yipan_';
/** Milliseconds per second: histograms are in seconds, as Prometheus conventions want. */
const MS_PER_SECOND = 1_000;
/**
 * Buckets of the update → commit delay, in seconds, clustered around the 100 ms durability promise
 * (DESIGN.md "Storage") so an operator reads off how many updates kept it and by how much others missed.
 */
export const PERSISTENCE_DELAY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5];

/** Where the live numbers come from; read at each scrape, so nothing is counted twice. */
export type MetricSources = {
  sync: Readonly<SyncStats>;
  projection: Readonly<ProjectionStats>;
  docStore: Readonly<DocStoreStats>;
  /** Connected `/board` sockets. */
  boardSockets: () => number;
  /** The document relay between processes, when REDIS_URL is set. */
  relay?: { stats: Readonly<RelayStats>; redisUp: () => boolean };
};

/**
 * Buckets of the Redis relay lag (publication on one process → arrival on another), in seconds: on one
 * network it is a millisecond or two; tens of milliseconds mean Redis or a process is overloaded.
 */
export const RELAY_LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** A counter whose value is read from a live statistic at each scrape (the statistic only ever grows). */
function liveCounter(registry: Registry, name: string, help: string, read: () => number): Counter {
  return new Counter({
    name: METRIC_PREFIX + name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge read from a live value at each scrape. */
function liveGauge(registry: Registry, name: string, help: string, read: () => number): Gauge {
  return new Gauge({
    name: METRIC_PREFIX + name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * The server's Prometheus metrics on a registry of its own (tests run several servers in one process;
 * the global default registry would mix them). Counters and gauges that the sync, projection and
 * database code already keep are read at scrape time; the rest are fed by the hooks below.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly persistenceDelay: Histogram;
  private readonly boardEvents: Counter<'event'>;
  private readonly httpErrors: Counter<'status' | 'code'>;
  private readonly relayLag: Histogram;

  constructor(sources: MetricSources) {
    const { registry } = this;
    const { sync, projection, docStore } = sources;
    collectDefaultMetrics({ register: registry });

    liveGauge(registry, 'yjs_connections', 'Open /yjs WebSocket connections.', () => sync.connections);
    liveGauge(registry, 'socketio_connections', 'Connected socket.io /board sockets.', sources.boardSockets);
    liveGauge(
      registry,
      'documents_open',
      'Documents in memory, including ones loading.',
      () => sync.openDocs,
    );
    liveCounter(
      registry,
      'yjs_updates_received_total',
      'Yjs update messages received from connections, before any check.',
      () => sync.receivedUpdates,
    );
    liveCounter(
      registry,
      'yjs_updates_applied_total',
      'Yjs updates applied to a document from a connection and queued for storage.',
      () => sync.appliedUpdates,
    );
    new Counter({
      name: `${METRIC_PREFIX}yjs_updates_dropped_total`,
      help: 'Yjs updates dropped without being applied or stored, by reason.',
      labelNames: ['reason'],
      registers: [registry],
      collect() {
        this.reset();
        this.inc({ reason: 'read_only' }, sync.droppedReadOnlyUpdates);
        this.inc({ reason: 'frozen' }, sync.refusedFrozenUpdates);
        this.inc({ reason: 'invalid' }, sync.droppedInvalidUpdates);
      },
    });
    liveCounter(
      registry,
      'yjs_frame_errors_total',
      'WebSocket frames that did not decode or apply; each closed the connection that sent it.',
      () => sync.malformedFrames,
    );
    liveCounter(
      registry,
      'persistence_failures_total',
      'Applied updates the database failed to store (each logged as an error).',
      () => sync.persistFailures,
    );
    liveCounter(
      registry,
      'persistence_batches_total',
      'Batches of updates committed to the update log.',
      () => docStore.batches,
    );
    liveCounter(
      registry,
      'persistence_failed_batches_total',
      'Batches of updates the database refused.',
      () => docStore.failedBatches,
    );
    liveCounter(
      registry,
      'persistence_compactions_total',
      'Snapshots written by compaction.',
      () => docStore.compactions,
    );
    liveCounter(
      registry,
      'persistence_compactions_skipped_total',
      'Compactions left to another process holding the document lock (PostgreSQL).',
      () => docStore.compactionsSkipped,
    );
    liveGauge(
      registry,
      'persistence_queued_updates',
      'Updates applied and not yet committed; it grows while the database is unreachable (alert if it stays above 0).',
      () => docStore.queued,
    );
    liveCounter(
      registry,
      'projection_runs_total',
      'Plans projected into relational rows.',
      () => projection.projections,
    );
    liveCounter(
      registry,
      'projection_failures_total',
      'Projections that failed (logged as errors).',
      () => projection.failures,
    );
    this.persistenceDelay = new Histogram({
      name: `${METRIC_PREFIX}persistence_delay_seconds`,
      help: 'Time from an update arriving to its batch being committed to the database.',
      buckets: PERSISTENCE_DELAY_BUCKETS,
      registers: [registry],
    });
    this.boardEvents = new Counter({
      name: `${METRIC_PREFIX}socketio_events_total`,
      help: 'Events received from /board clients, by name (names outside the protocol count as "unknown").',
      labelNames: ['event'],
      registers: [registry],
    });
    // Every known event appears from the first scrape on, so rate() has a zero to start from.
    for (const event of BOARD_EVENT_NAMES) this.boardEvents.inc({ event }, 0);
    this.relayLag = new Histogram({
      name: `${METRIC_PREFIX}redis_relay_lag_seconds`,
      help: 'Time from a relay message being published by another server process to its arrival here.',
      buckets: RELAY_LAG_BUCKETS,
      registers: [registry],
    });
    const { relay } = sources;
    if (relay) {
      liveGauge(registry, 'redis_up', 'Whether every connection to Redis is ready (1) or not (0).', () =>
        relay.redisUp() ? 1 : 0,
      );
      liveCounter(
        registry,
        'redis_relay_published_total',
        'Relay messages (updates, awareness, digests) published to the other processes.',
        () => relay.stats.published,
      );
      liveCounter(
        registry,
        'redis_relay_received_total',
        'Relay messages received from the other processes.',
        () => relay.stats.received,
      );
      liveCounter(
        registry,
        'redis_relay_publish_failures_total',
        'Relay messages not published because Redis was unavailable (repaired by digests afterwards).',
        () => relay.stats.publishFailures,
      );
      liveCounter(
        registry,
        'redis_relay_repairs_total',
        'Digests from another process that differed, answered with the part of the document it lacked.',
        () => relay.stats.repairs,
      );
    }
    this.httpErrors = new Counter({
      name: `${METRIC_PREFIX}http_errors_total`,
      help: 'HTTP API errors rendered, by status and stable error code.',
      labelNames: ['status', 'code'],
      registers: [registry],
    });
  }

  /** Records an update's arrival-to-commit delay. */
  observePersistence(delayMs: number): void {
    this.persistenceDelay.observe(delayMs / MS_PER_SECOND);
  }

  /** Records the lag of one relay message from another process. */
  observeRelayLag(seconds: number): void {
    this.relayLag.observe(seconds);
  }

  /** Counts an event a `/board` client sent. */
  countBoardEvent(event: string): void {
    this.boardEvents.inc({ event: boardEventLabel(event) });
  }

  /** Counts an HTTP error response; codes come from the server's own ErrorCode list, so the labels stay bounded. */
  countHttpError(status: number, code: string): void {
    this.httpErrors.inc({ status: String(status), code });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
