import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from '../driver';
import { openDriver } from '../openDatabase';
import {
  createTemporaryDatabase,
  describeEachDialect,
  dialectsUnderTest,
  type TemporaryDatabase,
} from '../testing';
import type { Dialect } from '../types';
import { backupDatabase, BACKUP_PAGE_ROWS } from './backupDatabase';
import { backupTables } from './backupTables';
import { migrationJournal } from './driverSql';
import { restoreDatabase } from './restoreDatabase';

/** Every restored table's rows, keyed by SQL column name and sorted by primary key: what must survive. */
async function contents(driver: Driver): Promise<Record<string, Record<string, unknown>[]>> {
  const result: Record<string, Record<string, unknown>[]> = {};
  for (const table of backupTables().tables) {
    const drizzleTable = driver.tables[table.key as keyof Driver['tables']] as unknown as PgTable;
    const columns = Object.entries(getTableColumns(drizzleTable));
    const rows = (await driver.db.select().from(drizzleTable)).map((row) =>
      Object.fromEntries(
        columns.map(([key, column]) => {
          const value = (row as Record<string, unknown>)[key];
          return [column.name, value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value];
        }),
      ),
    );
    const keyOf = (row: Record<string, unknown>) => JSON.stringify(table.primaryKey.map((name) => row[name]));
    result[table.name] = rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  }
  return result;
}

/** Bytes a Yjs update could hold: every byte value, zeros and high bits included. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
/** Text that trips naive encoders: CJK, emoji (astral), line and paragraph separators, quotes, backslashes. */
const TRICKY_TEXT = '示范市 人大常委会 😀𠀀 \u2028\u2029 "引号" \\ back\\slash\n换行\ttab';
/** A JSON column as stored, with formatting JSON.parse + stringify would not preserve. */
const TRICKY_JSON = '{ "a": 1.0, "b": [null, "😀"], "c": {"z": 1, "a": 2} }';
/** More than one page of the update log, so the reader's paging is exercised. */
const LOG_ROWS = BACKUP_PAGE_ROWS * 2 + 37;
/** More than one page of a composite-key table, for the multi-column keyset. */
const STEP_ROWS = BACKUP_PAGE_ROWS + 11;

async function fill(driver: Driver): Promise<void> {
  const { db, tables } = driver;
  const at = new Date('2021-03-04T05:06:07.891Z');
  // The child sorts before its parent by id: a restore in id order would break the foreign key.
  await db.insert(tables.organisations).values([
    { id: 'z-city', name: TRICKY_TEXT, level: 'city', parentId: null, settings: TRICKY_JSON, createdAt: at },
    { id: 'a-county', name: '示范县', level: 'county', parentId: 'z-city', sortOrder: -3, createdAt: at },
  ]);
  await db.insert(tables.users).values({
    id: 'u1',
    username: 'city.editor',
    displayName: '张三 😀',
    passwordHash: 'scrypt$…',
    createdAt: new Date('1970-01-01T00:00:00.000Z'),
  });
  await db.insert(tables.memberships).values({ userId: 'u1', orgId: 'a-county', role: 'editor' });
  await db.insert(tables.sessions).values({
    id: 's1',
    tokenHash: 'abc',
    userId: 'u1',
    createdAt: at,
    lastSeenAt: at,
    expiresAt: at,
  });
  await db.insert(tables.plans).values({
    id: 'p1',
    orgId: 'a-county',
    year: 2021,
    title: TRICKY_TEXT,
    status: 'soliciting',
    createdAt: at,
    updatedAt: new Date('2099-12-31T23:59:59.999Z'),
  });
  const log = Array.from({ length: LOG_ROWS }, (_, index) => ({
    docName: index % 2 ? 'plan:p1' : 'plan:其他',
    update: index === 0 ? ALL_BYTES : Buffer.from([index % 256, 0, 255]),
    author: index % 3 ? 'u1' : 'system',
    createdAt: new Date(at.getTime() + index),
  }));
  for (let start = 0; start < log.length; start += BACKUP_PAGE_ROWS)
    await db.insert(tables.docUpdates).values(log.slice(start, start + BACKUP_PAGE_ROWS));
  await db
    .insert(tables.docSnapshots)
    .values({ docName: 'plan:p1', upToId: 7, state: Buffer.alloc(0), updatedAt: at });
  await db.insert(tables.auditEvents).values([
    { at, actorId: null, kind: 'sign_in_failed', target: null, orgId: null, ip: '::1', detail: TRICKY_JSON },
    { at, actorId: 'u1', kind: 'plan_transition', target: 'plan:p1', orgId: 'a-county', ip: null },
  ]);
  const steps = Array.from({ length: STEP_ROWS }, (_, index) => ({
    planId: 'p1',
    topicId: `t${index % 7}`,
    stepId: `s${index}`,
    position: index,
    templateKey: 'k',
    title: TRICKY_TEXT,
    state: 'todo',
    date: index % 2 ? null : '2021-05-01',
    owner: '',
  }));
  for (let start = 0; start < steps.length; start += BACKUP_PAGE_ROWS)
    await db.insert(tables.topicSteps).values(steps.slice(start, start + BACKUP_PAGE_ROWS));
}

describeEachDialect('backup and restore of tricky values', (dialect, database) => {
  let folder = '';
  let file = '';
  let source: Record<string, Record<string, unknown>[]> = {};
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'yipan-backup-'));
    file = join(folder, 'yipan.backup.jsonl.gz');
    const driver = await openDriver(database().config);
    try {
      await fill(driver);
      source = await contents(driver);
    } finally {
      await driver.close();
    }
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes a gzip JSON Lines file: header, one line per row, counts; without the sessions', async () => {
    const progress: string[] = [];
    const summary = await backupDatabase(database().config, file, {
      onProgress: ({ table, rows }) => progress.push(`${table}:${rows}`),
    });
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(header).toMatchObject({
      format: 'yipan-backup',
      version: 1,
      sourceDialect: dialect,
      migration: migrationJournal(dialect).at(-1)?.tag,
    });
    expect(header.tables).toEqual(backupTables().tables.map((table) => table.name));
    expect(lines.some((line) => line.includes('"table":"sessions"'))).toBe(false);
    expect(summary.counts.doc_updates).toBe(LOG_ROWS);
    expect(lines).toHaveLength(1 + Object.values(summary.counts).reduce((a, b) => a + b, 0) + 1);
    expect(progress).toContain(`doc_updates:${LOG_ROWS}`);
    expect(existsSync(file)).toBe(true);
  });

  for (const target of dialectsUnderTest().filter((candidate) => !candidate.skip)) {
    describe(`into an empty ${target.dialect} database`, () => {
      let restored: TemporaryDatabase | undefined;
      afterAll(async () => {
        await restored?.dispose();
      });

      it('restores every row exactly: bytes, unicode, nulls, instants, JSON text, the organisation tree', async () => {
        restored = await createTemporaryDatabase(target.dialect);
        const summary = await restoreDatabase(restored.config, file);
        expect(summary.counts.topic_steps).toBe(STEP_ROWS);
        const driver = await openDriver(restored.config);
        try {
          expect(await contents(driver)).toEqual(source);
          expect(await driver.db.select().from(driver.tables.sessions)).toEqual([]);
          // The sequences moved past the restored ids: the next audit event gets a fresh one.
          const [next] = await driver.db
            .insert(driver.tables.auditEvents)
            .values({ at: new Date(), kind: 'after_restore' })
            .returning({ id: driver.tables.auditEvents.id });
          expect(next?.id).toBe(3);
        } finally {
          await driver.close();
        }
      });

      it('refuses a database that is not empty, and changes nothing in it', async () => {
        if (!restored) throw new Error('the previous test restores first');
        await expect(restoreDatabase(restored.config, file)).rejects.toThrow(/not empty/);
        const driver = await openDriver(restored.config);
        try {
          expect((await contents(driver)).doc_updates).toHaveLength(LOG_ROWS);
        } finally {
          await driver.close();
        }
      });
    });
  }

  describe('refuses damaged files and writes nothing', () => {
    const refusals: [string, (original: Buffer) => Buffer, RegExp][] = [
      [
        'a truncated gzip file',
        (original) => original.subarray(0, Math.floor(original.length / 2)),
        /damaged or truncated/,
      ],
      [
        'a file without its end line',
        (original) => rewrite(original, (lines) => lines.slice(0, -1)),
        /truncated/,
      ],
      [
        'a file short of rows',
        (original) =>
          rewrite(original, (lines) => lines.filter((line) => !line.includes('"table":"doc_snapshots"'))),
        /incomplete: doc_snapshots should have 1 rows, has 0/,
      ],
      [
        'mangled bytes',
        (original) =>
          rewrite(original, (lines) => lines.map((line) => line.replace(/"state":""/, '"state":"@@"'))),
        /invalid value of doc_snapshots.state/,
      ],
      [
        'a backup of a newer schema',
        (original) =>
          rewrite(original, (lines) => [
            lines[0]!.replace(/"migration":"[^"]*"/, '"migration":"9999_future"'),
            ...lines.slice(1),
          ]),
        /newer schema \(9999_future\)/,
      ],
      [
        'a newer format version',
        (original) =>
          rewrite(original, (lines) => [lines[0]!.replace('"version":1', '"version":2'), ...lines.slice(1)]),
        /format version 2 is newer/,
      ],
      ['another gzip file', () => gzipSync('hello\n'), /not a Yipan backup/],
    ];
    for (const [what, damage, message] of refusals)
      it(what, async () => {
        const damaged = join(folder, 'damaged.gz');
        await writeFile(damaged, damage(await readFile(file)));
        const target: Dialect = 'sqlite';
        const empty = await createTemporaryDatabase(target);
        try {
          await expect(restoreDatabase(empty.config, damaged)).rejects.toThrow(message);
          // Checked before the database is even opened: the SQLite file was never created.
          if (empty.config.dialect === 'sqlite') expect(existsSync(empty.config.file)).toBe(false);
        } finally {
          await empty.dispose();
        }
      });
  });
});

/** Re-gzips a backup after changing its lines. */
function rewrite(original: Buffer, change: (lines: string[]) => string[]): Buffer {
  const lines = gunzipSync(original).toString('utf8').trimEnd().split('\n');
  return gzipSync(`${change(lines).join('\n')}\n`);
}
