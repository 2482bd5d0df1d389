import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import BetterSqlite3 from 'better-sqlite3';
import { LeveldbPersistence } from 'y-leveldb';
import { schema as hocuspocusSchema, upsertQuery as hocuspocusUpsert } from '@hocuspocus/extension-sqlite';
import { openDatabase, SQLITE_FILE_NAME, type DatabaseConfig } from '@yipan/db';
import { planDocName, type PlanStatus } from '@yipan/domain';
import { DEMO_ORGS } from '@yipan/server';
import { exited, spawnListening } from '../../support/listeningProcess';
import { signIn, type SignedIn } from '../../support/signIn';
import type { ClientTarget } from './benchClient';
import { isProbeReply, type ProbeReply, type ProbeRequest } from './ipc';
import { sampleProcess, type ProcSample } from './procStats';
import { ProductFailure } from './workload';

/** The servers under test: Yipan and its two peers. */
export const SERVER_KINDS = ['yipan', 'reference', 'hocuspocus'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../../../apps/server', import.meta.url));
const PRELOAD = join(BENCH_DIR, 'support/serverPreload.ts');
const ENTRIES: Record<ServerKind, string> = {
  yipan: join(SERVER_DIR, 'src/main.ts'),
  reference: join(BENCH_DIR, 'peers/reference.ts'),
  hocuspocus: join(BENCH_DIR, 'peers/hocuspocus.ts'),
};
const LOOPBACK = '127.0.0.1';
/** How long a server may take to migrate, seed and listen. */
const START_TIMEOUT_MS = 60_000;
/** How long a graceful stop may take before the process is killed. */
const STOP_TIMEOUT_MS = 15_000;
/** How long a probe (event-loop delay, gc) may take to answer on a saturated server. */
const PROBE_TIMEOUT_MS = 30_000;
/** Output kept per server for error messages; older output is dropped. */
const OUTPUT_KEEP_CHARS = 64_000;
/** A fixed session secret, so tokens stay valid if a workload restarts Yipan on the same data. */
const YIPAN_SESSION_SECRET = 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz';
/** The demo account every Yipan client signs in as: an editor of the city, which owns the bench plans. */
export const YIPAN_USER = 'city.editor';
/** Organisation of the bench plans. */
const BENCH_ORG = 'city';
/** Status of the bench plans: one editors may write without a recorded adjustment. */
const BENCH_PLAN_STATUS: PlanStatus = 'soliciting';
const BENCH_YEAR = 2021;
/** Sync tokens live 5 minutes; one is reused this long, then a fresh one is fetched. */
const TOKEN_REUSE_MS = 60_000;
/** The token Hocuspocus' onAuthenticate accepts. */
const HOCUSPOCUS_TOKEN = 'bench-token';
/** Author of seeded updates in Yipan's log. */
const SEED_AUTHOR = 'bench-seed';

/** A plan to put into a server's storage before it starts: its id and its update log. */
export type PlanSeed = { planId: string; updates: readonly Uint8Array[] };

/** A server under test, running as its own process. */
export type ServerHandle = {
  kind: ServerKind;
  pid: number;
  dataDir: string;
  /** Where a client reaches `plan:<planId>`, with fresh credentials. */
  target(planId: string): Promise<ClientTarget>;
  /** CPU time and memory of the server process, from /proc. */
  sample(): ProcSample;
  /** Asks the server's preload for event-loop delay (and resets it, or runs a full GC first). */
  probe(type: 'reset' | 'read' | 'gc'): Promise<ProbeReply>;
  /** Yipan's HTTP base URL (`http://127.0.0.1:<port>`); null for the peers. */
  httpUrl: string | null;
  /** The SQLite file holding committed updates, for read-only observation; null for LevelDB and PostgreSQL. */
  databaseFile: string | null;
  /** Everything the process printed lately. */
  output(): string;
  stop(): Promise<void>;
};

function environment(kind: ServerKind, dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATA_DIR: _dir, PORT: _port, REDIS_URL: _redis, ...rest } = process.env;
  const common = { ...rest, PORT: '0', HOST: LOOPBACK };
  switch (kind) {
    case 'yipan':
      return {
        ...common,
        DATA_DIR: dataDir,
        YIPAN_DEMO: '1',
        SESSION_SECRET: YIPAN_SESSION_SECRET,
        LOG_LEVEL: 'info',
        // The workloads open hundreds of connections as one user: per-user quotas would refuse them.
        USER_LIMITS: '0',
      };
    case 'reference':
      return { ...common, YPERSISTENCE: join(dataDir, 'leveldb') };
    case 'hocuspocus':
      return {
        ...common,
        HOCUSPOCUS_SQLITE: join(dataDir, 'hocuspocus.db'),
        HOCUSPOCUS_TOKEN,
        NODE_ENV: 'production',
      };
  }
}

/** Starts a server of `kind` on a free loopback port over `dataDir`, with the probe preload. */
export async function startServer(
  kind: ServerKind,
  dataDir: string,
  nodeArgs: readonly string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<ServerHandle> {
  const { child, address, output } = await spawnListening(
    [...nodeArgs, '--expose-gc', '--import', 'tsx', '--import', PRELOAD, ENTRIES[kind]],
    {
      cwd: kind === 'yipan' ? SERVER_DIR : BENCH_DIR,
      env: { ...environment(kind, dataDir), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
    {
      name: kind,
      timeoutMs: START_TIMEOUT_MS,
      keepChars: OUTPUT_KEEP_CHARS,
      failure: (message) => new ProductFailure(message),
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${kind} has no pid`);

  let nextProbe = 1;
  const pending = new Map<number, (reply: ProbeReply) => void>();
  child.on('message', (message: unknown) => {
    if (isProbeReply(message)) pending.get(message.id)?.(message);
  });
  const probe = (type: 'reset' | 'read' | 'gc'): Promise<ProbeReply> =>
    new Promise((resolve, reject) => {
      const id = nextProbe++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${kind} did not answer a probe`));
      }, PROBE_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(reply);
      });
      const request: ProbeRequest = { type: `probe:${type}`, id };
      child.send(request);
    });

  let target: (planId: string) => Promise<ClientTarget>;
  try {
    target = await targetFactory(kind, address);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    kind,
    pid,
    dataDir,
    target,
    sample: () => sampleProcess(pid),
    probe,
    httpUrl: kind === 'yipan' ? address : null,
    databaseFile:
      kind === 'yipan'
        ? extraEnv.DATABASE_URL
          ? null
          : join(dataDir, SQLITE_FILE_NAME)
        : kind === 'hocuspocus'
          ? join(dataDir, 'hocuspocus.db')
          : null,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(killer);
    },
  };
}

async function targetFactory(
  kind: ServerKind,
  address: string,
): Promise<(planId: string) => Promise<ClientTarget>> {
  if (kind === 'yipan') {
    const url = new URL(address);
    const serverUrl = `ws://${url.host}/yjs`;
    const user: SignedIn = await signIn(address, YIPAN_USER);
    let token = { value: await user.syncToken(), at: Date.now() };
    return async (planId) => {
      if (Date.now() - token.at > TOKEN_REUSE_MS) token = { value: await user.syncToken(), at: Date.now() };
      return {
        protocol: 'y-websocket',
        serverUrl,
        docName: planDocName(planId),
        params: { token: token.value },
        token: null,
      };
    };
  }
  const protocol = kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket';
  const token = kind === 'hocuspocus' ? HOCUSPOCUS_TOKEN : null;
  return (planId) =>
    Promise.resolve({ protocol, serverUrl: address, docName: planDocName(planId), params: {}, token });
}

/**
 * Puts plans into a server's storage before it starts, through each server's own storage format:
 * Yipan's update log through @yipan/db (the demo organisations first, so the server seeds only its
 * accounts; the store compacts as it does in production), Hocuspocus' `documents` table (it keeps
 * only a document's merged state), and y-leveldb for the reference server (one entry per update).
 */
export async function seedPlans(
  kind: ServerKind,
  dataDir: string,
  plans: readonly PlanSeed[],
): Promise<void> {
  if (kind === 'yipan') await seedYipan(dataDir, plans);
  else if (kind === 'hocuspocus') seedHocuspocus(dataDir, plans);
  else await seedReference(dataDir, plans);
}

async function seedYipan(dataDir: string, plans: readonly PlanSeed[]): Promise<void> {
  await seedYipanDatabase({ dialect: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) }, plans);
}

/** Puts plans into a Yipan database on either dialect (PostgreSQL for the deployments of workload 10). */
export async function seedYipanDatabase(config: DatabaseConfig, plans: readonly PlanSeed[]): Promise<void> {
  const db = await openDatabase(config);
  try {
    if (await db.isEmpty()) for (const org of DEMO_ORGS) await db.orgs.insert(org);
    for (const plan of plans) {
      if (!(await db.plans.get(plan.planId)))
        await db.plans.insert({
          id: plan.planId,
          orgId: BENCH_ORG,
          year: BENCH_YEAR,
          title: `基准测试 ${plan.planId}`,
          status: BENCH_PLAN_STATUS,
        });
      const docName = planDocName(plan.planId);
      await Promise.all(plan.updates.map((update) => db.docs.append(docName, update, SEED_AUTHOR)));
    }
  } finally {
    await db.close();
  }
}

function mergedState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

function seedHocuspocus(dataDir: string, plans: readonly PlanSeed[]): void {
  const db = new BetterSqlite3(join(dataDir, 'hocuspocus.db'));
  try {
    db.exec(hocuspocusSchema);
    const upsert = db.prepare(hocuspocusUpsert);
    for (const plan of plans)
      upsert.run({ name: planDocName(plan.planId), data: Buffer.from(mergedState(plan.updates)) });
  } finally {
    db.close();
  }
}

async function seedReference(dataDir: string, plans: readonly PlanSeed[]): Promise<void> {
  const persistence = new LeveldbPersistence(join(dataDir, 'leveldb'));
  try {
    for (const plan of plans) {
      const docName = planDocName(plan.planId);
      for (const update of plan.updates) await persistence.storeUpdate(docName, update);
    }
  } finally {
    await persistence.destroy();
  }
}

/** Seeds `plans` into the workload's folder and starts its server there. */
export async function launch(
  context: { kind: ServerKind; dataDir: string; yipanNodeArgs: readonly string[] },
  plans: readonly PlanSeed[],
  extraEnv: Record<string, string> = {},
): Promise<ServerHandle> {
  await seedPlans(context.kind, context.dataDir, plans);
  return startServer(
    context.kind,
    context.dataDir,
    context.kind === 'yipan' ? context.yipanNodeArgs : [],
    extraEnv,
  );
}
