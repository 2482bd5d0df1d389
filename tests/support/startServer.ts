import type { Dialect } from '@yipan/db';
import { createLogger, createServer, LOG_LEVELS, type ServerConfig, type YipanServer } from '@yipan/server';
import { temporaryDatabase, type TestDatabase } from './temporaryDatabase';

/** Log level of servers started by tests: errors only, unless YIPAN_TEST_LOG_LEVEL asks for more. */
const TEST_LOG_LEVEL = LOG_LEVELS.find((level) => level === process.env.YIPAN_TEST_LOG_LEVEL) ?? 'error';
const LOOPBACK = '127.0.0.1';

/** Server settings a test may override. */
export type TestServerOptions = Partial<Omit<ServerConfig, 'db' | 'port' | 'host'>>;

/** A real server on a free port over a real temporary database, with the demo data seeded. */
export type TestServer = {
  server: YipanServer;
  database: TestDatabase;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** `ws://127.0.0.1:<port>/yjs`, the y-websocket server URL. */
  syncUrl: string;
  /** Closes this server gracefully and starts a new one on the same database. */
  restart(): Promise<TestServer>;
  /** Closes the server and drops the database. */
  stop(): Promise<void>;
};

async function boot(database: TestDatabase, options: TestServerOptions): Promise<TestServer> {
  const server = await createServer({
    demo: true,
    logger: createLogger({ level: TEST_LOG_LEVEL, scope: `test-${database.dialect}` }),
    ...options,
    db: database.config,
    port: 0,
    host: LOOPBACK,
  });
  const baseUrl = `http://${LOOPBACK}:${server.port}`;
  return {
    server,
    database,
    baseUrl,
    syncUrl: `ws://${LOOPBACK}:${server.port}/yjs`,
    restart: async () => {
      await server.close();
      return boot(database, options);
    },
    stop: async () => {
      await server.close();
      await database.drop();
    },
  };
}

/** Starts a server on a fresh temporary database of the given dialect. */
export async function startServer(dialect: Dialect, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await temporaryDatabase(dialect);
  try {
    return await boot(database, options);
  } catch (error) {
    await database.drop();
    throw error;
  }
}
