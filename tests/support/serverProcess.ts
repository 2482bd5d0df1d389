import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rememberSyncToken } from './connectClient';
import { exited, spawnListening } from './listeningProcess';
import { signIn, type SignedIn } from './signIn';
import { TEST_SESSION_SECRET } from './startServer';

/** The server package, whose `src/main.ts` is the production entry point. */
const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../apps/server');
const MAIN = join(SERVER_DIR, 'src/main.ts');
/** How long a child server may take to migrate, seed and listen. */
const START_TIMEOUT_MS = 30_000;
/** The demo account server processes are used as: it may edit the city's plan. */
const PROCESS_USER = 'city.editor';

/** A server running as its own process, as in production: `main.ts` reading the environment. */
export type ServerProcess = {
  child: ChildProcess;
  baseUrl: string;
  /** The `/yjs` URL; clients get PROCESS_USER's sync token by default. */
  syncUrl: string;
  /** PROCESS_USER, signed in. */
  user: SignedIn;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<number | null>;
};

/**
 * The environment a child server gets: ours minus database and Redis settings, plus `env`. Redis is
 * left out so every suite but the cluster's (which passes REDIS_URL itself) runs one process alone.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _url,
    DATA_DIR: _dir,
    PORT: _port,
    REDIS_URL: _redis,
    REDIS_PREFIX: _prefix,
    ...rest
  } = process.env;
  return {
    ...rest,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    YIPAN_DEMO: '1',
    // Given, so a PostgreSQL run does not write a secret file into the server package's default data folder.
    SESSION_SECRET: TEST_SESSION_SECRET,
    ...env,
  };
}

/** Starts `apps/server/src/main.ts` through tsx on a free port and waits for its "listening" line. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const {
    child,
    address: baseUrl,
    output,
  } = await spawnListening(
    ['--import', 'tsx', MAIN],
    { cwd: SERVER_DIR, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
    { name: 'server process', timeoutMs: START_TIMEOUT_MS },
  );
  const url = new URL(baseUrl);
  const syncUrl = `ws://${url.host}/yjs`;
  let user: SignedIn;
  try {
    user = await signIn(baseUrl, PROCESS_USER);
    rememberSyncToken(syncUrl, await user.syncToken());
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    baseUrl,
    syncUrl,
    user,
    output,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
}
