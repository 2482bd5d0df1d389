import { readFileSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { z } from 'zod';
import type { Db, Driver } from '../driver';
import type { Dialect } from '../types';
import { BackupError } from './BackupError';

/*
 * The few things a backup needs that the stores' shared builder subset does not cover: raw statements,
 * a transaction spanning awaits on SQLite, and the migration journal.
 */

/** The SQLite half of the typed shim (see Driver), for raw statements. */
const sqliteDb = (driver: Driver) => driver.db as unknown as BetterSQLite3Database;

/** Runs a raw statement and returns its rows. */
export async function rawRows(driver: Driver, query: SQL): Promise<Record<string, unknown>[]> {
  if (driver.dialect === 'sqlite') return sqliteDb(driver).all<Record<string, unknown>>(query);
  return [...(await driver.db.execute(query))];
}

/**
 * Runs `work` in one transaction: a read-only repeatable-read snapshot for a backup (consistent across
 * tables while the server keeps writing), or a write transaction for a restore. better-sqlite3's own
 * transactions cannot span awaits, so SQLite gets explicit BEGIN/COMMIT on its single connection.
 */
export async function inTransaction<T>(
  driver: Driver,
  mode: 'read' | 'write',
  work: (db: Db) => Promise<T>,
): Promise<T> {
  if (driver.dialect === 'postgres')
    return driver.db.transaction(work, {
      isolationLevel: 'repeatable read',
      accessMode: mode === 'read' ? 'read only' : 'read write',
    });
  const db = sqliteDb(driver);
  db.run(sql.raw(mode === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE'));
  try {
    const result = await work(driver.db);
    db.run(sql`COMMIT`);
    return result;
  } catch (error) {
    db.run(sql`ROLLBACK`);
    throw error;
  }
}

const Journal = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string() })),
});
/** One committed migration of a dialect, oldest first. */
export type MigrationEntry = z.infer<typeof Journal>['entries'][number];

/** The committed migrations of a dialect (drizzle-kit's journal). */
export function migrationJournal(dialect: Dialect): MigrationEntry[] {
  const folder = dialect === 'sqlite' ? 'sqlite' : 'pg';
  const file = new URL(`../../migrations/${folder}/meta/_journal.json`, import.meta.url);
  return Journal.parse(JSON.parse(readFileSync(file, 'utf8'))).entries;
}

/** The tag of the last migration applied to the database (drizzle records each one's journal time). */
export async function lastMigrationTag(driver: Driver): Promise<string> {
  const table = driver.dialect === 'sqlite' ? sql`__drizzle_migrations` : sql`drizzle.__drizzle_migrations`;
  const [row] = await rawRows(driver, sql`select max(created_at) as applied from ${table}`);
  const applied = Number(row?.applied);
  const entry = migrationJournal(driver.dialect).find((candidate) => candidate.when === applied);
  if (!entry)
    throw new BackupError(
      '数据库的迁移记录与本版本不符 / the database was migrated by a build this one does not know',
    );
  return entry.tag;
}
