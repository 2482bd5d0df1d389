import { Redis, type RedisOptions } from 'ioredis';
import { errorFields, type Logger } from '../createLogger';

/** Longest pause between reconnection attempts: Redis back for a few seconds is noticed within this. */
const MAX_RECONNECT_DELAY_MS = 1_000;
/** First reconnection delay, doubled per attempt up to the maximum. */
const FIRST_RECONNECT_DELAY_MS = 50;
/** How long start-up waits for Redis before serving anyway (its clients work; peers sync once Redis is there). */
export const REDIS_START_TIMEOUT_MS = 5_000;

/** Where Redis is and the prefix of every channel and key this installation uses. */
export type RedisConfig = { url: string; prefix: string };

/** The four connections a process keeps to Redis. */
type Connections = {
  /** Publishes document updates; never queues while Redis is away (stale updates are repaired instead). */
  relayPublisher: Redis;
  /** Subscribed to the channels of the documents loaded here and to the control channel. */
  relaySubscriber: Redis;
  /** The socket.io adapter's publisher. */
  adapterPublisher: Redis;
  /** The socket.io adapter's subscriber. */
  adapterSubscriber: Redis;
};

/**
 * This process's connections to Redis, and whether Redis is reachable. An outage is logged once when
 * it starts and once when it ends (not at every retry); `onRestored` listeners run when every
 * connection is back, so the relay can resynchronise what it missed.
 */
export class RedisLink {
  readonly connections: Connections;
  private readonly down = new Set<string>();
  private readonly restoredListeners = new Set<() => void>();
  private outage = false;
  private closing = false;

  constructor(
    readonly config: RedisConfig,
    private readonly logger: Logger,
  ) {
    const common: RedisOptions = {
      retryStrategy: (attempt) =>
        Math.min(FIRST_RECONNECT_DELAY_MS * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS),
      lazyConnect: true,
    };
    // Subscribers: the ready check (INFO) is refused in subscriber mode after a reconnect and crashed
    // ioredis; queued commands (subscriptions) wait for Redis however long it is away.
    const subscriber: RedisOptions = { ...common, enableReadyCheck: false, maxRetriesPerRequest: null };
    // Publishers fail at once while Redis is away: a message queued for later would arrive stale.
    const publisher: RedisOptions = { ...common, enableOfflineQueue: false };
    this.connections = {
      relayPublisher: this.open('relay-publisher', publisher),
      relaySubscriber: this.open('relay-subscriber', subscriber),
      adapterPublisher: this.open('socket.io-publisher', publisher),
      adapterSubscriber: this.open('socket.io-subscriber', subscriber),
    };
    // The adapter publishes without handling the promise; a refusal during an outage must not become an
    // unhandled rejection (which would end the process). Broadcasts are at most once, like the relay.
    const adapterPublisher = this.connections.adapterPublisher;
    const publish = adapterPublisher.publish.bind(adapterPublisher);
    adapterPublisher.publish = (channel: string | Buffer, message: string | Buffer) => {
      const sent = publish(channel, message);
      sent.catch(() => undefined);
      return sent;
    };
  }

  /** Connects every connection, waiting at most `timeoutMs`; after that the process serves and keeps retrying. */
  async connect(timeoutMs = REDIS_START_TIMEOUT_MS): Promise<void> {
    const all = Object.values(this.connections).map((connection) =>
      connection.connect().catch(() => undefined),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([Promise.all(all), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout' || !this.isUp) this.startOutage('not reachable at start-up');
  }

  /** Whether every connection to Redis is ready now. */
  get isUp(): boolean {
    return Object.values(this.connections).every((connection) => connection.status === 'ready');
  }

  /** Calls `listener` whenever Redis comes back after an outage. */
  onRestored(listener: () => void): void {
    this.restoredListeners.add(listener);
  }

  /** Closes every connection (shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      Object.values(this.connections).map((connection) =>
        connection.quit().then(
          () => undefined,
          () => connection.disconnect(),
        ),
      ),
    );
  }

  private open(name: string, options: RedisOptions): Redis {
    const connection = new Redis(this.config.url, { ...options, connectionName: `yipan-${name}` });
    connection.on('ready', () => {
      this.down.delete(name);
      if (this.outage && this.down.size === 0 && this.isUp) this.endOutage();
    });
    connection.on('close', () => {
      if (this.closing) return;
      this.down.add(name);
      this.startOutage('connection lost');
    });
    // Reported once per outage by startOutage; each retry's error would flood the log.
    connection.on('error', (error: Error) => {
      if (!this.outage && !this.closing)
        this.logger.debug('redis connection error', { connection: name, ...errorFields(error) });
    });
    return connection;
  }

  private startOutage(reason: string): void {
    if (this.outage || this.closing) return;
    this.outage = true;
    this.logger.warn('Redis is unavailable: serving this process’s own clients, relaying nothing', {
      reason,
    });
  }

  private endOutage(): void {
    this.outage = false;
    this.logger.info('Redis is back: resynchronising documents with the other processes');
    for (const listener of this.restoredListeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error('a Redis restore hook failed', errorFields(error));
      }
    }
  }
}
