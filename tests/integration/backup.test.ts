import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTopic, updateTopic } from '@yipan/domain';
import { backupDatabase, restoreDatabase, type DatabaseConfig } from '@yipan/db';
import { createTemporaryDatabase, dialectsUnderTest, type TemporaryDatabase } from '@yipan/db/testing';
import {
  MAX_PAGE_LIMIT,
  MeetingResponse,
  PlanHistoryResponse,
  SecurityEventsResponse,
  VersionsResponse,
} from '@yipan/protocol';
import { createLogger, createServer, type YipanServer } from '@yipan/server';
import { connectBoardSocket } from '../support/boardSocket';
import { boardOf, connectSynced, type PlanClient } from '../support/connectClient';
import { signIn, type SignedIn } from '../support/signIn';
import { startServer, TEST_EDITOR, TEST_SESSION_SECRET, type TestServer } from '../support/startServer';
import { waitFor } from '../support/waitFor';

/*
 * Issue 9, item 3's acceptance: a county backs up its SQLite installation and moves to the city's
 * PostgreSQL. Real edits by several users and real API calls make history, versions, meetings and the
 * audit trail non-trivial; the restored database is compared with the source row by row, then served.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'apps/server/src/cli.ts');
/** The city's plan in `soliciting`: editable, takes proposals, and can move on to `collating`. */
const PLAN = 'city-2022';
/** How long the CLI may take (tsx compiles on the fly). */
const CLI_TIMEOUT_MS = 60_000;

const postgres = dialectsUnderTest().find((entry) => entry.dialect === 'postgres');

/** Runs `pnpm yipan <args>` as the operator would (tsx on cli.ts) against the database of `config`. */
async function yipan(
  args: string[],
  config: DatabaseConfig,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, YIPAN_DEMO: '0' };
  // One process on one database: the cluster's Redis (set in CI) would need DATABASE_URL for a SQLite source.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (config.dialect === 'postgres') env.DATABASE_URL = config.url;
  else env.DATA_DIR = dirname(config.file);
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`yipan ${args.join(' ')} timed out: ${stderr}`)),
      CLI_TIMEOUT_MS,
    );
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode ?? -1);
    });
  });
  return { code, stdout, stderr };
}

/** Every row of a backup file, per table, sorted: a dialect-neutral picture of the database. */
async function rowsOf(file: string): Promise<Record<string, string[]>> {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .slice(1, -1);
  const tables: Record<string, string[]> = {};
  for (const line of lines) {
    const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
    (tables[table] ??= []).push(JSON.stringify(row));
  }
  for (const rows of Object.values(tables)) rows.sort();
  return tables;
}

/** What an operator looks at through the API: the plan's history, versions, and the audit trail. */
type Observed = {
  history: unknown;
  versions: unknown;
  events: SecurityEventsResponse['events'];
  board: string;
};

async function observe(baseUrl: string, syncUrl: string): Promise<Observed> {
  const admin = await signIn(baseUrl, 'city.admin');
  const json = async (path: string) => {
    const response = await admin.fetch(path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as unknown;
  };
  const history = PlanHistoryResponse.parse(await json(`/api/plans/${PLAN}/history?limit=${MAX_PAGE_LIMIT}`));
  const versions = VersionsResponse.parse(await json(`/api/plans/${PLAN}/versions`));
  const events = SecurityEventsResponse.parse(
    await json(`/api/admin/security-events?limit=${MAX_PAGE_LIMIT}`),
  );
  const client = await connectSynced(syncUrl, PLAN, { token: await admin.syncToken() });
  try {
    return { history, versions, events: events.events, board: boardOf(client) };
  } finally {
    client.close();
  }
}

/** A server on a restored database: no demo seeding, a sign-in is the only way in (sessions are not restored). */
async function serve(config: DatabaseConfig): Promise<YipanServer> {
  return createServer({
    db: config,
    demo: false,
    port: 0,
    host: '127.0.0.1',
    sessionSecret: TEST_SESSION_SECRET,
    logger: createLogger({ level: 'error', scope: 'test-restored' }),
  });
}

describe.skipIf(postgres?.skip ?? true)('backup and restore across SQLite and PostgreSQL', () => {
  let source: TestServer;
  let folder = '';
  let before: Observed;
  const temporaries: TemporaryDatabase[] = [];
  const fresh = async (dialect: 'sqlite' | 'postgres') => {
    const database = await createTemporaryDatabase(dialect);
    temporaries.push(database);
    return database.config;
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'yipan-backup-it-'));
    source = await startServer('sqlite');
  });
  afterAll(async () => {
    await source.stop();
    for (const database of temporaries) await database.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('builds a non-trivial history: co-edits, a proposal, a version, a transition, a meeting with a vote', async () => {
    const { baseUrl, syncUrl } = source;
    const editor = await signIn(baseUrl, 'city.editor');
    const admin = await signIn(baseUrl, 'city.admin');
    const clients: PlanClient[] = [
      await connectSynced(syncUrl, PLAN, { token: await editor.syncToken() }),
      await connectSynced(syncUrl, PLAN, { token: source.token }),
    ];
    try {
      const [first, second] = clients as [PlanClient, PlanClient];
      const topic = addTopic(first.doc, { title: '城市内涝治理 😀', method: 'special_report', month: 7 });
      addTopic(second.doc, { title: '老旧小区改造“回头看”', method: 'audit_report', month: 9 });
      await waitFor('both topics everywhere', () => clients.every((client) => client.topics().length >= 2));
      updateTopic(second.doc, topic, { title: '城市内涝治理情况（专题调研）' });
      await Promise.all(clients.map((client) => client.drained()));
      await waitFor('clients to agree', () => boardOf(first) === boardOf(second));
    } finally {
      for (const client of clients) client.close();
    }
    await source.server.db.docs.flush();

    const proposal = await fetch(`${baseUrl}/api/public/plans/${PLAN}/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({
        title: '城市内涝治理情况',
        reason: '去年汛期积水严重',
        problem: '排水管网标准低',
        contact: '王女士',
      }),
    });
    expect(proposal.status).toBe(201);
    const post = (client: SignedIn, path: string, body: unknown) =>
      client.fetch(path, { method: 'POST', body: JSON.stringify(body) });
    expect((await post(admin, `/api/plans/${PLAN}/versions`, { name: '征集稿' })).status).toBe(201);
    expect(
      (await post(admin, `/api/plans/${PLAN}/transitions`, { to: 'collating', note: '征集结束' })).status,
    ).toBe(200);

    const created = await post(editor, '/api/meetings', {
      orgId: 'city',
      kind: 'council_of_chairs',
      title: '2022年第1次主任会议',
      startsAt: '2022-01-10T09:00:00+08:00',
      agenda: [{ kind: 'other', title: '审议计划草案' }],
      members: [
        { userId: admin.me.user.id, role: 'facilitator' },
        { userId: (await signIn(baseUrl, 'city.deputy')).me.user.id, role: 'participant' },
      ],
    });
    expect(created.status).toBe(201);
    const meeting = MeetingResponse.parse(await created.json()).meeting;
    const deputy = await signIn(baseUrl, 'city.deputy');
    expect((await post(admin, `/api/meetings/${meeting.id}/transitions`, { to: 'live' })).status).toBe(200);
    const sockets = await Promise.all(
      [admin, deputy].map(async (client) => {
        const result = await connectBoardSocket(baseUrl, { token: await client.syncToken() });
        if (!result.ok) throw new Error(result.code);
        const joined = await result.socket.emitWithAck('meeting:join', { meetingId: meeting.id });
        if (!joined.ok) throw new Error(joined.code);
        return result.socket;
      }),
    );
    try {
      const [facilitator, participant] = sockets as [(typeof sockets)[number], (typeof sockets)[number]];
      const opened = await facilitator.emitWithAck('meeting:vote:open', {
        meetingId: meeting.id,
        spec: { kind: 'approval', title: '同意计划草案', itemId: meeting.agenda[0]!.id, anonymous: false },
      });
      if (!opened.ok) throw new Error(opened.code);
      const ballot = { kind: 'approval', choice: 'approve' } as const;
      expect(
        await participant.emitWithAck('meeting:ballot', {
          meetingId: meeting.id,
          voteId: opened.voteId,
          ballot,
        }),
      ).toEqual({
        ok: true,
      });
      expect(
        (
          await facilitator.emitWithAck('meeting:vote:close', {
            meetingId: meeting.id,
            voteId: opened.voteId,
          })
        ).ok,
      ).toBe(true);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }

    before = await observe(baseUrl, syncUrl);
    expect(PlanHistoryResponse.parse(before.history).entries.length).toBeGreaterThanOrEqual(3);
    const authors = PlanHistoryResponse.parse(before.history).entries.map((entry) => entry.author.id);
    expect(authors).toEqual(expect.arrayContaining([editor.me.user.id, TEST_EDITOR.id]));
    expect(
      VersionsResponse.parse(before.versions).versions.some((version) => version.name === '征集稿'),
    ).toBe(true);
    expect(before.events.length).toBeGreaterThan(5);
    await source.server.close();
  });

  it('backs up SQLite and restores into PostgreSQL (through the CLI): every row identical', async () => {
    const viaFunction = join(folder, 'function.jsonl.gz');
    const viaCli = join(folder, 'cli.jsonl.gz');
    await backupDatabase(source.database.config, viaFunction);
    const backup = await yipan(['backup', viaCli], source.database.config);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/doc_updates: \d+/);
    expect(backup.stdout).toMatch(/backup written/);
    expect(await rowsOf(viaCli)).toEqual(await rowsOf(viaFunction));

    const target = await fresh('postgres');
    const restore = await yipan(['restore', viaCli], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/sqlite → postgres/);

    const roundTrip = join(folder, 'restored-pg.jsonl.gz');
    const summary = await backupDatabase(target, roundTrip);
    expect(summary.header.sourceDialect).toBe('postgres');
    const expected = await rowsOf(viaFunction);
    expect(Object.keys(expected)).toContain('audit_events');
    expect(expected.doc_updates?.length).toBeGreaterThan(3);
    expect(await rowsOf(roundTrip)).toEqual(expected);

    // Served from PostgreSQL: the same history, versions, audit trail and board as on SQLite.
    const server = await serve(target);
    try {
      const after = await observe(server.url ?? '', `ws://127.0.0.1:${server.port}/yjs`);
      const lastSourceEvent = Math.max(...before.events.map((event) => event.id));
      expect(after.history).toEqual(before.history);
      expect(after.versions).toEqual(before.versions);
      expect(after.board).toEqual(before.board);
      expect(after.events.filter((event) => event.id <= lastSourceEvent)).toEqual(before.events);
      // New events continue after the restored ones (the sequence moved): the sign-in just made.
      expect(after.events.filter((event) => event.id > lastSourceEvent).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }

    // And back: PostgreSQL → SQLite, again identical.
    const sqlite = await fresh('sqlite');
    await restoreDatabase(sqlite, roundTrip);
    const back = join(folder, 'restored-sqlite.jsonl.gz');
    await backupDatabase(sqlite, back);
    expect(await rowsOf(back)).toEqual(expected);
  });

  it('refuses a database that is not empty, and a damaged file, writing nothing', async () => {
    const good = join(folder, 'function.jsonl.gz');
    // The mistake to guard against: starting the server first, which seeds the demo data.
    const seededConfig = await fresh('postgres');
    const demo = await createServer({
      db: seededConfig,
      demo: true,
      logger: createLogger({ level: 'error' }),
    });
    await demo.close();
    const refused = await yipan(['restore', good], seededConfig);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/目标数据库不是空的.*not empty/);

    const truncated = join(folder, 'truncated.jsonl.gz');
    const bytes = await readFile(good);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const target = await fresh('postgres');
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(/damaged or truncated/);
    // Nothing was written: the same database still takes the whole backup.
    const restored = await restoreDatabase(target, good);
    expect(restored.counts.doc_updates).toBeGreaterThan(3);
  });
});
