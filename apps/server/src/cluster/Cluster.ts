import { createAdapter } from '@socket.io/redis-adapter';
import type { LiveConnections } from '../auth/LiveConnections';
import { randomId } from '../auth/tokens';
import type { Logger } from '../createLogger';
import type { SyncServer } from '../sync/SyncServer';
import { ClusterEvents } from './ClusterEvents';
import { RedisDocRelay } from './RedisDocRelay';
import { RedisLink, type RedisConfig } from './RedisLink';

/** What the cluster keeps in step across processes once attached. */
export type ClusterParts = {
  sync: Pick<SyncServer, 'announcePolicyChangesTo' | 'reloadEditPolicy' | 'catchUpFromStore'>;
  live: Pick<LiveConnections, 'announceTo' | 'recheckFromPeer'>;
  /** Listens to the other processes' meeting events (summons). */
  meetings: { listenToPeers(): void };
};

/**
 * One server process among several sharing PostgreSQL and Redis: the document relay, the socket.io
 * adapter (room broadcasts reach every process's clients) and the control channel (access re-checks and
 * edit-policy changes). Connected before the server is built, attached once its parts exist.
 */
export class Cluster {
  readonly processId = randomId('proc');
  readonly relay: RedisDocRelay;
  readonly events: ClusterEvents;
  /** The socket.io adapter, given to the Server before its namespaces are created. */
  readonly socketIoAdapter: ReturnType<typeof createAdapter>;

  private constructor(
    readonly link: RedisLink,
    private readonly logger: Logger,
    onLag?: (seconds: number) => void,
  ) {
    const { relayPublisher, relaySubscriber, adapterPublisher, adapterSubscriber } = link.connections;
    const { prefix } = link.config;
    this.relay = new RedisDocRelay({
      processId: this.processId,
      prefix,
      publisher: relayPublisher,
      subscriber: relaySubscriber,
      logger,
      onLag,
    });
    this.events = new ClusterEvents({
      processId: this.processId,
      prefix,
      publisher: relayPublisher,
      subscriber: relaySubscriber,
      logger,
    });
    this.socketIoAdapter = createAdapter(adapterPublisher, adapterSubscriber, {
      key: `${prefix}:socket.io`,
    });
    link.onRestored(() => {
      void this.events.subscribe().catch(() => undefined);
      this.relay.resynchronise();
    });
  }

  /** Connects to Redis (waiting a few seconds at most: without it the process still serves its own clients). */
  static async connect(
    config: RedisConfig,
    logger: Logger,
    onLag?: (seconds: number) => void,
  ): Promise<Cluster> {
    const link = new RedisLink(config, logger);
    await link.connect();
    const cluster = new Cluster(link, logger, onLag);
    // Not awaited: without Redis the subscription waits in ioredis' queue until Redis is there.
    void cluster.events.subscribe().catch(() => undefined);
    logger.info('joined the cluster', { processId: cluster.processId, prefix: config.prefix });
    return cluster;
  }

  /** Whether Redis is reachable now (for health reports). */
  get redisUp(): boolean {
    return this.link.isUp;
  }

  /** Wires the server's parts: local changes are announced, the other processes' changes applied here. */
  attach({ sync, live, meetings }: ClusterParts): void {
    sync.announcePolicyChangesTo((docName) => this.events.publish({ type: 'policy', docName }));
    live.announceTo((scope) => this.events.publish({ type: 'recheck', scope }));
    this.events.on((event) => {
      const done =
        event.type === 'policy' ? sync.reloadEditPolicy(event.docName) : live.recheckFromPeer(event.scope);
      done.catch((error: unknown) =>
        this.logger.error('failed to apply another process’s change', {
          type: event.type,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    });
    meetings.listenToPeers();
    // Peers answer digests only for documents they still hold; the database has the rest.
    this.link.onRestored(() => {
      sync.catchUpFromStore().catch((error: unknown) =>
        this.logger.error('failed to catch up from the database after Redis returned', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    });
  }

  /** Stops relaying and closes the Redis connections (after the documents were flushed). */
  async close(): Promise<void> {
    this.relay.close();
    this.events.close();
    await this.link.close();
  }
}
