import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { asc, getTableColumns, gt, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Driver } from '../driver';
import { openDriver } from '../openDatabase';
import type { DatabaseConfig } from '../types';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupProgress,
  type TableCounts,
  type TrailerLine,
} from './backupFormat';
import { backupTables, type BackupTable } from './backupTables';
import { inTransaction, lastMigrationTag } from './driverSql';
import { RowCodec } from './rowCodec';

/** Rows read per query: large enough to be quick, small enough that doc_updates never sits in memory whole. */
export const BACKUP_PAGE_ROWS = 500;

/** What a finished backup holds. */
export type BackupSummary = { file: string; header: BackupHeader; counts: TableCounts };

/** Options of a backup. */
export type BackupOptions = { onProgress?: BackupProgress };

/**
 * Writes every restored table of the database at `config` to `file` as gzip-compressed JSON Lines (a
 * header, one line per row, a trailer with the counts), read in one consistent snapshot and streamed page
 * by page. The file appears only when complete: it is written beside its final name and renamed.
 */
export async function backupDatabase(
  config: DatabaseConfig,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const driver = await openDriver(config);
  try {
    return await backupDriver(driver, file, options);
  } finally {
    await driver.close();
  }
}

/** backupDatabase on an open driver (tests back up a database a store suite has filled). */
export async function backupDriver(
  driver: Driver,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const plan = backupTables();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    sourceDialect: driver.dialect,
    migration: await lastMigrationTag(driver),
    tables: plan.tables.map((table) => table.name),
    skipped: plan.skipped,
  };
  const counts: TableCounts = {};
  const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`;
  async function* lines(db: Db): AsyncGenerator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const table of plan.tables) {
      const codec = new RowCodec(table.name, driver.tables[table.key as keyof Driver['tables']]);
      let rows = 0;
      for await (const row of tableRows(db, table, driver)) {
        yield `${JSON.stringify({ table: table.name, row: codec.encode(row) })}\n`;
        rows += 1;
      }
      counts[table.name] = rows;
      options.onProgress?.({ table: table.name, rows });
    }
    const trailer: TrailerLine = { end: true, counts };
    yield `${JSON.stringify(trailer)}\n`;
  }
  try {
    await inTransaction(driver, 'read', (db) =>
      pipeline(Readable.from(lines(db)), createGzip(), createWriteStream(temporary, { flush: true })),
    );
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { file, header, counts };
}

/** The rows of one table in primary-key order, a page at a time; parents first where it references itself. */
async function* tableRows(
  db: Db,
  table: BackupTable,
  driver: Driver,
): AsyncGenerator<Record<string, unknown>> {
  const drizzleTable = driver.tables[table.key as keyof Driver['tables']] as unknown as PgTable;
  const columns = Object.entries(getTableColumns(drizzleTable));
  const keyOf = (name: string): [string, Column] => {
    const found = columns.find(([, column]) => column.name === name);
    if (!found) throw new Error(`${table.name}.${name} is not a column`);
    return found;
  };
  const primary = table.primaryKey.map(keyOf);
  const pages = async function* (): AsyncGenerator<Record<string, unknown>> {
    let last: Record<string, unknown> | undefined;
    for (;;) {
      const query = db.select().from(drizzleTable).$dynamic();
      if (last) query.where(after(primary, last));
      const page = await query.orderBy(...primary.map(([, column]) => asc(column))).limit(BACKUP_PAGE_ROWS);
      yield* page;
      if (page.length < BACKUP_PAGE_ROWS) return;
      last = page.at(-1);
    }
  };
  if (table.selfReferences.length === 0) {
    yield* pages();
    return;
  }
  // Only organisations reference themselves, and an organisation tree is small: order it whole.
  const rows: Record<string, unknown>[] = [];
  for await (const row of pages()) rows.push(row);
  yield* parentsFirst(rows, primary, table.selfReferences.map(keyOf));
}

/** Keyset condition: the primary key after the last row read. */
function after(primary: [string, Column][], last: Record<string, unknown>): SQL {
  const [single] = primary;
  if (single && primary.length === 1) return gt(single[1], last[single[0]]);
  return sql`(${sql.join(
    primary.map(([, column]) => column),
    sql`, `,
  )}) > (${sql.join(
    primary.map(([key]) => sql`${last[key]}`),
    sql`, `,
  )})`;
}

/** Orders rows of a self-referencing table so that each row comes after the row it references. */
function parentsFirst(
  rows: Record<string, unknown>[],
  primary: [string, Column][],
  references: [string, Column][],
): Record<string, unknown>[] {
  const [idKey] = primary[0] ?? [];
  if (!idKey || primary.length !== 1) return rows;
  const ids = new Set(rows.map((row) => row[idKey]));
  const placed = new Set<unknown>();
  const ordered: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const ready = pending.filter((row) =>
      references.every(
        ([key]) => row[key] === null || !ids.has(row[key]) || placed.has(row[key]) || row[key] === row[idKey],
      ),
    );
    // A cycle cannot be inserted in any order; write it as it is and let the restore report the database's error.
    if (ready.length === 0) return [...ordered, ...pending];
    for (const row of ready) {
      ordered.push(row);
      placed.add(row[idKey]);
    }
    pending = pending.filter((row) => !ready.includes(row));
  }
  return ordered;
}
