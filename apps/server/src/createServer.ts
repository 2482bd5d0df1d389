import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { BOARD_NAMESPACE, YJS_PATH_PREFIX } from '@yipan/protocol';
import { openDatabase, type Database, type DatabaseConfig } from '@yipan/db';
import { AuditLog } from './auth/AuditLog';
import { AuthService } from './auth/AuthService';
import { LiveConnections } from './auth/LiveConnections';
import type { FailureLimit } from './auth/LoginRateLimiter';
import type { SecurityOptions } from './auth/requestAuth';
import { attachBoard, userRoom, type BoardServer } from './board/attachBoard';
import { seedDemo, seedDemoAccounts } from './demo';
import type { ApiContext } from './http/apiContext';
import { createApi } from './http/createApi';
import { publicSite, PUBLIC_SITE_PATH } from './disclosure/publicSite';
import { errorMiddleware } from './http/errorMiddleware';
import { HealthChecks, healthRoutes } from './http/health';
import { securityHeaders } from './http/security';
import { serveWebApp } from './http/serveWebApp';
import { createLogger, errorFields, type Logger } from './createLogger';
import { PlanProjector, type ProjectionStats } from './projection/PlanProjector';
import { AlignmentService } from './alignment/AlignmentService';
import { Notifier } from './notifications/Notifier';
import { attachMeetingEvents } from './meetings/attachMeetingEvents';
import { MeetingService } from './meetings/MeetingService';
import { loadOrgTree } from './auth/orgTree';
import { rebuildProjection } from './projection/rebuildProjection';
import { ProposalRateLimiter, type ProposalLimits } from './solicitation/ProposalRateLimiter';
import { SyncServer } from './sync/SyncServer';
import { ServerMetrics } from './metrics/ServerMetrics';
import { METRICS_PATH, metricsRoute } from './metrics/metricsRoute';
import type { SyncStats } from './sync/SyncStats';
import { Cluster } from './cluster/Cluster';
import type { RedisConfig } from './cluster/RedisLink';
import { resolveLimits, type Limits } from './limits/limits';

/** Largest JSON body the API accepts; plans are edited over /yjs, REST bodies are small. */
const JSON_BODY_LIMIT = '1mb';
/** socket.io's engine.io path; its upgrades are left to it. */
const SOCKET_IO_PATH = '/socket.io/';
/** Bytes of the in-memory secret of a server started without one (tests): sessions do not outlive it. */
const EPHEMERAL_SECRET_BYTES = 32;

/** Everything the server needs; `main.ts` builds it from the environment, tests build it directly. */
export type ServerConfig = {
  db: DatabaseConfig;
  /** Listen on this port (0: any free port). Without it the server is returned unlistened. */
  port?: number;
  /** Interface to listen on; all interfaces when unset. */
  host?: string;
  /** Folder of the built web app, served when it exists. */
  webDistDir?: string;
  /** Seed the demo organisations and plans into an empty database. */
  demo: boolean;
  logger?: Logger;
  /** Artificial latency of the access check, to test that slow sign-in look-ups do not break upgrades. */
  accessDelayMs?: number;
  /** How long an unused document stays in memory after its last connection left. */
  docIdleGraceMs?: number;
  /** Interval of the WebSocket ping/pong keepalive. */
  keepaliveIntervalMs?: number;
  /**
   * Signs sync and CSRF tokens. `main.ts` passes SESSION_SECRET or the one kept in DATA_DIR; without
   * one a random secret lives in memory, and sync tokens die with the process (sessions do not).
   */
  sessionSecret?: string;
  /** Origin checks and cookie flags; defaults: the Host header is the origin, Secure cookies over https, no proxy. */
  security?: Partial<SecurityOptions>;
  /** The clock of sessions, tokens and rate limits (ms since the epoch); tests move it to expire sessions. */
  now?: () => number;
  /** Interval of the sweep that re-checks every live connection's session and access. */
  liveRecheckIntervalMs?: number;
  /** Quiet time before a changed plan is projected (default PROJECTION_DELAY_MS); tests lengthen it. */
  projectionDelayMs?: number;
  /** Failed sign-in limits per account and per address (defaults in LoginRateLimiter). */
  loginLimits?: { account?: FailureLimit; ip?: FailureLimit };
  /** Limits of the public proposal form per address and per plan (defaults in ProposalRateLimiter). */
  proposalLimits?: ProposalLimits;
  /** METRICS_TOKEN: `/metrics` requires it as a bearer token; without it only loopback clients may scrape. */
  metricsToken?: string;
  /** REDIS_URL and REDIS_PREFIX: this process is one of several sharing the (PostgreSQL) database and Redis. */
  redis?: RedisConfig;
  /** Changes to the hard limits (DEFAULT_LIMITS); USER_LIMITS=0 sets `perUser: false`, tests lower values. */
  limits?: Partial<Limits>;
};

/** A running (or ready to listen) Yipan server. */
export type YipanServer = {
  httpServer: HttpServer;
  /** The Express app; tests walk its routes to check each one is in the access table. */
  app: Express;
  /** The open database; tests read the update log through it. */
  db: Database;
  io: BoardServer;
  /** Live counters of the sync endpoint (open documents, dropped and malformed frames…). */
  stats: Readonly<SyncStats>;
  /** Live counters of the relational projection (plans projected, failures). */
  projection: Readonly<ProjectionStats>;
  /** Live connections holding access on behalf of sessions (/yjs and /board). */
  live: LiveConnections;
  /** `/api/health` and `/api/ready`: parts of the server register their checks here. */
  health: HealthChecks;
  /** Names of the documents in memory. */
  openDocNames(): string[];
  /** The port listened on, once listening. */
  port: number | null;
  /** `http://host:port`, once listening. */
  url: string | null;
  /**
   * Graceful shutdown: readiness turns 503, stops accepting, commits pending updates, closes every
   * `/yjs` socket with `serviceRestart` (1012) and every socket.io client, then closes the database.
   */
  close(): Promise<void>;
};

/** Builds the server: Express, `/yjs` sync and socket.io on one HTTP server. Listens when `config.port` is set. */
export async function createServer(config: ServerConfig): Promise<YipanServer> {
  const logger = config.logger ?? createLogger();
  const db = await openDatabase(config.db, {
    onBackgroundError: (error, context) =>
      logger.error('background database work failed', { doc: context.docName, ...errorFields(error) }),
    onPersistenceChange: ({ ok, queued, lastError }) => {
      if (ok) logger.info('database reachable again: storing the queued updates', { queued });
      else
        logger.warn('database unreachable: keeping updates in memory and retrying', {
          queued,
          code: lastError,
        });
    },
  });
  try {
    if (config.demo && (await db.isEmpty())) {
      await seedDemo(db);
      logger.info('seeded the demo organisations, plans and accounts');
    } else if (config.demo && (await seedDemoAccounts(db))) {
      logger.info('seeded the demo accounts');
    }
    // The projection is derived: a database that has none yet (first start, an upgrade) gets it from the documents.
    // A failure leaves cross-plan views empty but must not keep the plans themselves from being edited.
    if (await db.projection.isEmpty()) {
      await rebuildProjection(db).then(
        (rebuilt) => logger.info('projected the plan documents', rebuilt),
        (error: unknown) => logger.error('failed to project the plan documents', errorFields(error)),
      );
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const now = config.now ?? Date.now;
  // Connected before the sync endpoint and socket.io are built: both take their Redis parts at construction.
  const cluster = config.redis
    ? await Cluster.connect(config.redis, logger.child('cluster'), (seconds) =>
        metrics.observeRelayLag(seconds),
      )
    : null;
  const limits = resolveLimits(config.limits);
  const security: SecurityOptions = {
    publicOrigins: config.security?.publicOrigins ?? [],
    cookieSecure: config.security?.cookieSecure ?? 'auto',
    trustProxy: config.security?.trustProxy ?? false,
  };
  const auth = new AuthService({
    db,
    secret: config.sessionSecret ?? randomBytes(EPHEMERAL_SECRET_BYTES).toString('base64url'),
    now,
    limits: config.loginLimits,
  });
  const audit = new AuditLog(db, logger.child('audit'), now);
  const live = new LiveConnections(logger.child('live'), config.liveRecheckIntervalMs);
  const access = { db, auth, security, audit, delayMs: config.accessDelayMs };
  const app = express();
  const httpServer = createHttpServer(app);
  // Announcements after each projection (matrices, upstream views, notifications); awaited before closing.
  const announcing = new Set<Promise<void>>();
  const projector = new PlanProjector(db, logger.child('projection'), config.projectionDelayMs, (planId) => {
    const task = loadOrgTree(db)
      .then((tree) => alignment.afterProjection(planId, tree))
      .catch((error: unknown) => logger.error('failed to announce a projection', errorFields(error)));
    announcing.add(task);
    void task.finally(() => announcing.delete(task));
  });
  const sync = new SyncServer({
    db,
    onDocChange: (docName, doc) => projector.schedule(docName, doc),
    // Only the user whose edit was dropped hears why; their board reloads the plan.
    onEditRefused: ({ planId, userId, code }) =>
      io.of(BOARD_NAMESPACE).to(userRoom(userId)).emit('plan:refused', { planId, code }),
    limits,
    logger: logger.child('sync'),
    access,
    live,
    idleGraceMs: config.docIdleGraceMs,
    keepaliveIntervalMs: config.keepaliveIntervalMs,
    onPersisted: (delayMs) => metrics.observePersistence(delayMs),
    relay: cluster?.relay,
  });
  const meetingLogger = logger.child('meetings');
  const io = attachBoard(httpServer, {
    logger: logger.child('board'),
    access,
    live,
    // Sockets connect only once the server listens, after `meetings` below exists.
    onConnection: (socket) => attachMeetingEvents(socket, meetings, meetingLogger),
    onClientEvent: (event) => metrics.countBoardEvent(event),
    limits,
    adapter: cluster?.socketIoAdapter,
  });
  const metrics = new ServerMetrics({
    sync: sync.stats,
    projection: projector.stats,
    docStore: db.docs.stats,
    boardSockets: () => io.of(BOARD_NAMESPACE).sockets.size,
    relay: cluster ? { stats: cluster.relay.stats, redisUp: () => cluster.redisUp } : undefined,
  });
  const meetings = new MeetingService({ db, io, audit, live, logger: meetingLogger, now });
  cluster?.attach({ sync, live, meetings });
  const notifier = new Notifier(db, io, logger.child('notifications'), now);
  const alignment = new AlignmentService({
    db,
    docs: sync,
    io,
    audit,
    notifier,
    logger: logger.child('alignment'),
    flushProjection: () => projector.flush(),
  });
  const apiContext: ApiContext = {
    db,
    auth,
    audit,
    live,
    security,
    logger,
    docs: sync,
    io,
    proposalLimiter: new ProposalRateLimiter(now, config.proposalLimits),
    alignment,
    notifier,
    meetings,
  };

  const health = new HealthChecks(db.dialect);
  health.register(
    'database',
    async () => {
      await db.ping();
      return { ok: true, detail: { dialect: db.dialect } };
    },
    { readiness: true },
  );
  health.register('persistence', () => {
    const { ok, queued, oldestQueuedMs, lastError } = db.docs.health();
    return Promise.resolve({ ok, detail: { queued, oldestQueuedMs, lastError } });
  });
  // Informational: without Redis a process still serves its own clients, and resynchronises when it returns.
  if (cluster)
    health.register('redis', () => Promise.resolve({ ok: cluster.redisUp }), { informational: true });

  app.disable('x-powered-by');
  if (security.trustProxy) app.set('trust proxy', true);
  app.use(securityHeaders());
  app.get(
    METRICS_PATH,
    metricsRoute(metrics, { token: config.metricsToken, trustProxy: security.trustProxy }, logger),
  );
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use('/api', healthRoutes(health));
  app.use('/api', createApi(apiContext));
  app.use(PUBLIC_SITE_PATH, publicSite(apiContext));
  if (serveWebApp(app, config.webDistDir)) logger.info('serving the web app', { dir: config.webDistDir });
  app.use(errorMiddleware(logger, (status, code) => metrics.countHttpError(status, code)));

  httpServer.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname.startsWith(YJS_PATH_PREFIX)) {
      void sync.handleUpgrade(request, socket, head);
    } else if (!pathname.startsWith(SOCKET_IO_PATH)) {
      // engine.io leaves foreign upgrades alone (destroyUpgrade: false), so unknown paths are refused here.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });

  const server: YipanServer = {
    httpServer,
    app,
    db,
    io,
    stats: sync.stats,
    projection: projector.stats,
    live,
    health,
    openDocNames: () => sync.openDocNames(),
    port: null,
    url: null,
    close: once(async () => {
      // First, so that a load balancer probing /api/ready sends new clients elsewhere from now on.
      health.beginDraining();
      const closed = new Promise<void>((resolve) => {
        if (!httpServer.listening) resolve();
        else httpServer.close(() => resolve());
      });
      live.close();
      await sync.close();
      // After the documents' last changes: nothing scheduled is lost when the server stops.
      await projector.close();
      await Promise.all(announcing);
      meetings.close();
      // io.close() also closes the HTTP server; it resolves once every board socket is gone.
      await io.close();
      httpServer.closeAllConnections();
      await closed;
      // After socket.io: its adapter unsubscribes through these connections.
      await cluster?.close();
      await db.close();
      logger.info('server closed');
    }),
  };

  if (config.port !== undefined) {
    try {
      await listen(httpServer, config.port, config.host);
    } catch (error) {
      await server.close();
      throw error;
    }
    const address = httpServer.address() as AddressInfo;
    server.port = address.port;
    server.url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : 'localhost'}:${address.port}`;
  }
  httpServer.on('error', (error) => logger.error('http server error', errorFields(error)));
  return server;
}

function listen(httpServer: HttpServer, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
}

/** Wraps an async function so that every call after the first returns the first call's promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}
