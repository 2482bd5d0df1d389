import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, SQLITE_FILE_NAME } from './openDatabase';
import type { Database, DatabaseConfig, Dialect } from './types';

/** A database that exists only for one test file. */
export type TemporaryDatabase = { config: DatabaseConfig; dispose(): Promise<void> };

/** A dialect a suite runs on, and whether to skip it here. */
export type DialectUnderTest = { dialect: Dialect; skip: boolean };

/** The variables the helpers read; process.env by default. */
export type TestEnv = { DATABASE_URL?: string | undefined; CI?: string | undefined };

/**
 * The dialects every store suite runs on: SQLite always; PostgreSQL when DATABASE_URL is set. In CI
 * (CI=true) PostgreSQL is never skipped, so a missing DATABASE_URL fails the suite instead of hiding it.
 */
export function dialectsUnderTest(env: TestEnv = process.env): DialectUnderTest[] {
  return [
    { dialect: 'sqlite', skip: false },
    { dialect: 'postgres', skip: !env.DATABASE_URL && !inCi(env) },
  ];
}

/** CI=true (or any value but empty, 0 and false), as CI services set it. */
function inCi(env: TestEnv): boolean {
  return env.CI !== undefined && !['', '0', 'false'].includes(env.CI);
}

/**
 * Creates an empty database: SQLite in a fresh temporary folder, or a fresh PostgreSQL database
 * `yipan_t_<random>` on the server of DATABASE_URL (dropped `WITH (FORCE)` by dispose()).
 */
export async function createTemporaryDatabase(
  dialect: Dialect,
  env: TestEnv = process.env,
): Promise<TemporaryDatabase> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'yipan-db-'));
    return {
      config: { dialect, file: join(dir, SQLITE_FILE_NAME) },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const baseUrl = env.DATABASE_URL;
  if (!baseUrl)
    throw new Error('DATABASE_URL is not set: PostgreSQL tests need a server (required when CI=true)');
  const name = `yipan_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, (sql) => sql`create database ${sql(name)}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    config: { dialect, url: url.toString() },
    dispose: () => withAdmin(baseUrl, (sql) => sql`drop database if exists ${sql(name)} with (force)`),
  };
}

/** A suite body: its dialect, and its temporary database (available inside hooks and tests). */
export type DialectSuite = (dialect: Dialect, database: () => TemporaryDatabase) => void;

/**
 * Declares `suite` once per dialect under test, each block with its own temporary database created
 * before its tests and disposed after them. Without DATABASE_URL the PostgreSQL block is skipped,
 * except in CI, where it is one failing test instead: a missing server must not look green.
 */
export function describeEachDialect(name: string, suite: DialectSuite, env: TestEnv = process.env): void {
  for (const { dialect, skip } of dialectsUnderTest(env)) {
    const title = `${name} on ${dialect}`;
    if (dialect === 'postgres' && !env.DATABASE_URL) {
      const unavailable = (): never => {
        throw new Error('DATABASE_URL is not set');
      };
      if (skip) describe.skip(title, () => suite(dialect, unavailable));
      else
        describe(title, () =>
          it('has a PostgreSQL server (DATABASE_URL is required when CI=true)', unavailable),
        );
      continue;
    }
    describe(title, () => {
      let temporary: TemporaryDatabase | undefined;
      beforeAll(async () => {
        temporary = await createTemporaryDatabase(dialect, env);
      });
      afterAll(async () => {
        await temporary?.dispose();
      });
      suite(dialect, () => temporary ?? unavailableOutsideHooks());
    });
  }
}

/**
 * An open SQLite database of the enclosing suite's own: created before its tests, closed and removed
 * after them. Read it inside hooks and tests.
 */
export function useTemporarySqliteDatabase(): () => Database {
  let temporary: TemporaryDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    temporary = await createTemporaryDatabase('sqlite');
    db = await openDatabase(temporary.config);
  });
  afterAll(async () => {
    await db?.close();
    await temporary?.dispose();
  });
  return () => db ?? unavailableOutsideHooks();
}

function unavailableOutsideHooks(): never {
  throw new Error('the temporary database exists only inside hooks and tests');
}

/** Runs one statement on a short-lived connection to the DATABASE_URL database. */
async function withAdmin(url: string, run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await run(sql);
  } finally {
    await sql.end();
  }
}
