import { resolve } from 'node:path';
import { databaseConfigFromEnv } from '@yipan/db';
import { loadSessionSecret } from './auth/sessionSecret';
import { createServer } from './createServer';
import { parseEnv } from './env';
import { createLogger, errorFields } from './createLogger';

/** A shutdown that takes longer than this is cut short, so a stuck socket cannot keep the process alive. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const env = parseEnv();
  const logger = createLogger({ level: env.LOG_LEVEL });
  const server = await createServer({
    // PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR.
    db: databaseConfigFromEnv({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL }),
    port: env.PORT,
    host: env.HOST,
    webDistDir: resolve(env.YIPAN_WEB_DIST),
    demo: env.YIPAN_DEMO,
    logger,
    sessionSecret: await loadSessionSecret({ fromEnv: env.SESSION_SECRET, dataDir: env.DATA_DIR }),
    security: {
      publicOrigins: env.PUBLIC_ORIGIN ?? [],
      cookieSecure: env.COOKIE_SECURE,
      trustProxy: env.TRUST_PROXY,
    },
    metricsToken: env.METRICS_TOKEN,
    limits: { perUser: env.USER_LIMITS },
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : undefined,
  });
  logger.info(`Yipan listening on ${server.url}`, { port: server.port, db: server.db.dialect });
  if (!env.USER_LIMITS)
    logger.warn('USER_LIMITS=0: per-user limits are off (for benchmarks only, not production)');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    setTimeout(() => {
      // The database stayed away: these updates were never stored here (the clients that made them
      // still hold them and send them again wherever they reconnect).
      logger.error('shutdown timed out', { unstoredUpdates: server.db.docs.health().queued });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', errorFields(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('Yipan failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
