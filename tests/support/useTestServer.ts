import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Dialect } from '@yipan/db';
import { connectSynced, type ConnectOptions, type PlanClient } from './connectClient';
import { startServer, type TestServer, type TestServerOptions } from './startServer';

/** Clients a suite opened, closed after each test so a failing test leaves no provider reconnecting. */
export type TrackedClients = {
  /** Adds a client to those closed after the test, and returns it. */
  track: (client: PlanClient) => PlanClient;
  /** Closes every tracked client now. */
  closeAll: () => void;
};

/** Registers an `afterEach` that closes the clients tracked during the test. Call it inside a `describe`. */
export function trackClients(): TrackedClients {
  const clients: PlanClient[] = [];
  const closeAll = () => {
    for (const client of clients.splice(0)) client.close();
  };
  afterEach(closeAll);
  return {
    track: (client) => {
      clients.push(client);
      return client;
    },
    closeAll,
  };
}

/** The suite's server and its clients, as `useTestServer` returns them. */
export type TestServerFixture = TrackedClients & {
  /** The running server; throws outside a test, before `beforeAll` has started it. */
  running: () => TestServer;
  /** Opens a y-websocket client on a plan, waits for its first sync, and closes it after the test. */
  connect: (planId: string, options?: ConnectOptions) => Promise<PlanClient>;
  /** Closes the server gracefully and starts a new one on the same database. */
  restart: () => Promise<TestServer>;
};

/**
 * One real server per suite: started in `beforeAll` on a temporary database of `dialect`, its clients
 * closed after each test, stopped in `afterAll`. Call it inside a `describe`; `options` may be a
 * function when it needs something an earlier `beforeAll` prepares.
 */
export function useTestServer(
  dialect: Dialect,
  options: TestServerOptions | (() => TestServerOptions) = {},
): TestServerFixture {
  let current: TestServer | null = null;
  const clients = trackClients();
  const running = () => {
    if (!current) throw new Error('the test server is not running: use it inside a test');
    return current;
  };

  beforeAll(async () => {
    current = await startServer(dialect, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await current?.stop();
  });

  return {
    ...clients,
    running,
    connect: async (planId, connectOptions) =>
      clients.track(await connectSynced(running().syncUrl, planId, connectOptions)),
    restart: async () => {
      current = await running().restart();
      return current;
    },
  };
}
