import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import * as Y from 'yjs';
import { describe, it } from 'vitest';
import { openDatabase, type DatabaseConfig } from '@yipan/db';
import { listTopics, planDocName, type Topic } from '@yipan/domain';
import type { PlanClient } from './connectClient';
import { freePort } from './freePort';
import { exited } from './listeningProcess';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { temporaryDatabase, type TestDatabase } from './temporaryDatabase';
import { waitFor } from './waitFor';

/** How long a private redis-server may take to accept connections. */
const REDIS_START_TIMEOUT_MS = 10_000;

/** Several Yipan processes on one fresh PostgreSQL database and one Redis, under a prefix of their own. */
export type TestCluster = {
  processes: ServerProcess[];
  database: TestDatabase;
  /** The database's connection settings, to read what was stored. */
  dbConfig: Extract<DatabaseConfig, { dialect: 'postgres' }>;
  redisUrl: string;
  prefix: string;
  /** Starts one more process of the cluster. */
  startProcess(): Promise<ServerProcess>;
  /** Kills every process still running and drops the database. */
  stop(): Promise<void>;
};

/**
 * Whether the cluster suite runs: it needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). Without them it
 * is skipped, except in CI (CI=true), where a missing service is one failing test instead.
 */
export function describeWithCluster(name: string, body: (redisUrl: string) => void): void {
  const redisUrl = process.env.REDIS_URL;
  const ready = Boolean(process.env.DATABASE_URL) && Boolean(redisUrl);
  const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
  if (ready && redisUrl) describe(name, () => body(redisUrl));
  else if (inCi)
    describe(name, () =>
      it('has PostgreSQL and Redis (DATABASE_URL and REDIS_URL are required when CI=true)', () => {
        throw new Error('DATABASE_URL and REDIS_URL must be set');
      }),
    );
  else describe.skip(name, () => body(''));
}

/**
 * Starts `count` server processes (`main.ts`, as in production) on a fresh PostgreSQL database and
 * `redisUrl`, with a unique REDIS_PREFIX so runs never hear each other. The first one migrates and seeds
 * the demo data alone; the others start together once it listens.
 */
export async function startCluster(
  count: number,
  redisUrl: string,
  /** More environment for every process (e.g. TRUST_PROXY=1 behind the deployment test's nginx). */
  extraEnv: Record<string, string> = {},
): Promise<TestCluster> {
  const database = await temporaryDatabase('postgres');
  if (database.config.dialect !== 'postgres') throw new Error('expected a PostgreSQL database');
  const dbConfig = database.config;
  const prefix = `yipan-test-${randomBytes(4).toString('hex')}`;
  const env = { ...extraEnv, DATABASE_URL: dbConfig.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
  const processes: ServerProcess[] = [];
  const startProcess = async () => {
    const started = await startServerProcess(env);
    processes.push(started);
    return started;
  };
  try {
    await startProcess();
    await Promise.all(Array.from({ length: count - 1 }, startProcess));
  } catch (error) {
    for (const started of processes) await started.kill9();
    await database.drop();
    throw error;
  }
  return {
    processes,
    database,
    dbConfig,
    redisUrl,
    prefix,
    startProcess,
    stop: async () => {
      for (const started of processes) await started.kill9();
      await database.drop();
    },
  };
}

/** A redis-server of the suite's own, which it may stop and start again on the same port. */
export type PrivateRedis = {
  url: string;
  /** Stops the server (its data goes with it: it never saves). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
};

/** Starts `redis-server` on a free loopback port, without persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child = started;
    await waitFor(
      `redis-server on port ${port}`,
      () => {
        if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode}`);
        return acceptsConnections(port);
      },
      REDIS_START_TIMEOUT_MS,
    );
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: async () => {
      const running = child;
      child = null;
      if (!running) return;
      running.kill('SIGKILL');
      await exited(running);
    },
  };
}

/** Points a client's provider at another process (the one it used is gone); it reconnects there by itself. */
export function moveClient(client: PlanClient, to: ServerProcess, token: string): void {
  client.provider.serverUrl = to.syncUrl;
  client.provider.params = { ...client.provider.params, token };
}

/** The topics of a plan as PostgreSQL has them now (snapshot and update log), read without any server. */
export async function storedTopics(
  config: Extract<DatabaseConfig, { dialect: 'postgres' }>,
  planId: string,
): Promise<Topic[]> {
  const db = await openDatabase(config);
  try {
    const loaded = await db.docs.load(planDocName(planId));
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return listTopics(doc, { includeArchived: true });
  } finally {
    await db.close();
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
