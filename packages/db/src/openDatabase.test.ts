import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { databaseConfigFromEnv, openDatabase } from './openDatabase';
import { createTemporaryDatabase, describeEachDialect, dialectsUnderTest } from './testing';
import type { DatabaseConfig } from './types';

/** Rows in drizzle's migration journal table, read with a raw client. */
async function appliedMigrations(config: DatabaseConfig): Promise<number> {
  if (config.dialect === 'sqlite') {
    const client = new BetterSqlite3(config.file, { readonly: true });
    try {
      return (client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    } finally {
      client.close();
    }
  }
  const sql = postgres(config.url, { max: 1 });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}

const committedMigrations = (folder: string): number =>
  (
    JSON.parse(
      readFileSync(new URL(`../migrations/${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
    ) as {
      entries: unknown[];
    }
  ).entries.length;

describeEachDialect('openDatabase', (dialect, database) => {
  it('migrates an empty database, and re-opening applies nothing twice and keeps the data', async () => {
    const config = database().config;
    const first = await openDatabase(config);
    expect(first.dialect).toBe(dialect);
    expect(await first.isEmpty()).toBe(true);
    await first.orgs.insert({
      id: 'city',
      name: '示范市',
      level: 'city',
      parentId: null,
      sortOrder: 0,
      committees: [],
      supervisedBodies: [],
      reportingUnits: [],
    });
    await first.close();

    const second = await openDatabase(config);
    expect(await second.orgs.list()).toHaveLength(1);
    await second.close();
    expect(await appliedMigrations(config)).toBe(committedMigrations(dialect === 'sqlite' ? 'sqlite' : 'pg'));
  });

  it('migrates an empty database once when two servers open it together', async () => {
    const fresh = await createTemporaryDatabase(dialect);
    try {
      const opened = await Promise.all([openDatabase(fresh.config), openDatabase(fresh.config)]);
      expect(await Promise.all(opened.map((db) => db.isEmpty()))).toEqual([true, true]);
      await Promise.all(opened.map((db) => db.close()));
      expect(await appliedMigrations(fresh.config)).toBe(
        committedMigrations(dialect === 'sqlite' ? 'sqlite' : 'pg'),
      );
    } finally {
      await fresh.dispose();
    }
  });

  it('closes once, and refuses appends afterwards', async () => {
    const db = await openDatabase(database().config);
    await Promise.all([db.close(), db.close()]);
    await expect(db.docs.append('plan:x', new Uint8Array([0, 0]), 'u')).rejects.toThrow(/closed/);
  });
});

describe('openDatabase on SQLite', () => {
  it('creates the data folder and uses WAL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yipan-open-'));
    try {
      const config = databaseConfigFromEnv({ dataDir: join(dir, 'nested', 'data') });
      const db = await openDatabase(config);
      await db.close();
      if (config.dialect !== 'sqlite') throw new Error('expected SQLite');
      const client = new BetterSqlite3(config.file, { readonly: true });
      expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
      client.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('databaseConfigFromEnv', () => {
  it('picks PostgreSQL when a URL is given, else yipan.db in the data folder', () => {
    expect(databaseConfigFromEnv({ dataDir: '/srv/yipan', databaseUrl: 'postgres://db/yipan' })).toEqual({
      dialect: 'postgres',
      url: 'postgres://db/yipan',
    });
    expect(databaseConfigFromEnv({ dataDir: '/srv/yipan', databaseUrl: '' })).toEqual({
      dialect: 'sqlite',
      file: '/srv/yipan/yipan.db',
    });
  });
});

describe('dialectsUnderTest', () => {
  const postgresSkipped = (env: { DATABASE_URL?: string; CI?: string }) =>
    dialectsUnderTest(env).find((entry) => entry.dialect === 'postgres')?.skip;

  it('skips PostgreSQL without DATABASE_URL, except in CI where the suites must fail instead', async () => {
    expect(postgresSkipped({})).toBe(true);
    expect(postgresSkipped({ DATABASE_URL: 'postgres://x/y' })).toBe(false);
    expect(postgresSkipped({ CI: 'true' })).toBe(false);
    await expect(createTemporaryDatabase('postgres', { CI: 'true' })).rejects.toThrow(/DATABASE_URL/);
  });
});
