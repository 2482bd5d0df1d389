import type { Database, Dialect } from '@yipan/db';
import { DEMO_ORGS } from '@yipan/server';
import {
  createLogger,
  createServer,
  hashPassword,
  LOG_LEVELS,
  type ServerConfig,
  type YipanServer,
} from '@yipan/server';
import { docUrl, rememberSyncToken } from './connectClient';
import { signIn, TEST_PASSWORD, type SignedIn } from './signIn';
import { temporaryDatabase, type TestDatabase } from './temporaryDatabase';

/** Log level of servers started by tests: errors only, unless YIPAN_TEST_LOG_LEVEL asks for more. */
const TEST_LOG_LEVEL = LOG_LEVELS.find((level) => level === process.env.YIPAN_TEST_LOG_LEVEL) ?? 'error';
const LOOPBACK = '127.0.0.1';
/** A fixed secret, so sync tokens stay valid across a test's restart of the server on the same database. */
export const TEST_SESSION_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * The account suites act as unless they sign in as someone else: an editor of every demo organisation,
 * so it may edit every demo plan, as the suites written before sign-in existed expect.
 */
export const TEST_EDITOR = { id: 'user-test-editor', username: 'test.editor', displayName: '测试编辑 张三' };

/** Server settings a test may override (the demo data is always seeded: the test editor needs it). */
export type TestServerOptions = Partial<Omit<ServerConfig, 'db' | 'port' | 'host' | 'demo'>>;

/** A real server on a free port over a real temporary database, with the demo data seeded. */
export type TestServer = {
  server: YipanServer;
  database: TestDatabase;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** `ws://127.0.0.1:<port>/yjs`, the y-websocket server URL; clients get TEST_EDITOR's sync token by default. */
  syncUrl: string;
  /** TEST_EDITOR, signed in. */
  editor: SignedIn;
  /** TEST_EDITOR's sync token (also the default of connectClient for this server). */
  token: string;
  /** A `/yjs/<docName>` URL with TEST_EDITOR's token and extra query parameters. */
  docUrl(docName: string, params?: Record<string, string>): string;
  /** Signs in another account (password `yipan-demo` unless given). */
  signIn(username: string, password?: string): Promise<SignedIn>;
  /** Closes this server gracefully and starts a new one on the same database. */
  restart(): Promise<TestServer>;
  /** Closes the server and drops the database. */
  stop(): Promise<void>;
};

/** Creates TEST_EDITOR with an editor membership in every demo organisation, unless it exists. */
async function ensureTestEditor(db: Database): Promise<void> {
  if (await db.users.get(TEST_EDITOR.id)) return;
  await db.users.insert({ ...TEST_EDITOR, passwordHash: await hashPassword(TEST_PASSWORD) });
  for (const org of DEMO_ORGS)
    await db.users.addMembership({ userId: TEST_EDITOR.id, orgId: org.id, role: 'editor' });
}

async function boot(database: TestDatabase, options: TestServerOptions): Promise<TestServer> {
  const server = await createServer({
    demo: true,
    logger: createLogger({ level: TEST_LOG_LEVEL, scope: `test-${database.dialect}` }),
    sessionSecret: TEST_SESSION_SECRET,
    ...options,
    db: database.config,
    port: 0,
    host: LOOPBACK,
  });
  const baseUrl = `http://${LOOPBACK}:${server.port}`;
  const syncUrl = `ws://${LOOPBACK}:${server.port}/yjs`;
  try {
    await ensureTestEditor(server.db);
    const editor = await signIn(baseUrl, TEST_EDITOR.username);
    const token = await editor.syncToken();
    rememberSyncToken(syncUrl, token);
    return {
      server,
      database,
      baseUrl,
      syncUrl,
      editor,
      token,
      docUrl: (docName, params) => docUrl(syncUrl, docName, params, token),
      signIn: (username, password) => signIn(baseUrl, username, password),
      restart: async () => {
        await server.close();
        return boot(database, options);
      },
      stop: async () => {
        await server.close();
        await database.drop();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
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
