import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { count, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Driver } from '../driver';
import { openDriver } from '../openDatabase';
import * as pgSchema from '../pg/schema';
import type { DatabaseConfig, Dialect } from '../types';
import { BackupError } from './BackupError';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupHeader,
  RowLine,
  TrailerLine,
  type BackupProgress,
  type TableCounts,
} from './backupFormat';
import { backupTables, type BackupTable } from './backupTables';
import { inTransaction, migrationJournal } from './driverSql';
import { RowCodec } from './rowCodec';

/** Rows per INSERT: well under SQLite's 32,766 bound parameters for the widest table (15 columns). */
export const RESTORE_BATCH_ROWS = 500;

/** What a finished restore wrote. */
export type RestoreSummary = { header: BackupHeader; counts: TableCounts };

/** Options of a restore. */
export type RestoreOptions = { onProgress?: BackupProgress };

const NOT_A_BACKUP = '不是一盘棋备份文件 / not a Yipan backup file';

/**
 * Restores a backup written by backupDatabase into the EMPTY database at `config`, of either dialect.
 * The whole file is read and checked first (header, every row, the trailer's counts), so a corrupt or
 * truncated file writes nothing; then the database is migrated, checked to be empty, and filled in one
 * transaction, its serial sequences moved past the restored ids, and its row counts compared with the file.
 */
export async function restoreDatabase(
  config: DatabaseConfig,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const checked = await checkBackup(file, config.dialect);
  const driver = await openDriver(config);
  try {
    return await restoreDriver(driver, file, checked, options);
  } finally {
    await driver.close();
  }
}

type CheckedBackup = { header: BackupHeader; counts: TableCounts };

/** Reads the whole file once, validating every line, without touching any database. */
export async function checkBackup(file: string, dialect: Dialect): Promise<CheckedBackup> {
  const plan = backupTables();
  let header: BackupHeader | undefined;
  let trailer: TrailerLine | undefined;
  let codecs = new Map<string, RowCodec>();
  const counts: TableCounts = {};
  let tableIndex = 0;
  for await (const { text, number } of backupLines(file)) {
    if (trailer)
      throw new BackupError(`${NOT_A_BACKUP}: 结束行之后还有内容 / data after the end line (${number})`);
    const value = parseJson(text, number);
    if (!header) {
      header = checkHeader(value, dialect, plan.tables);
      codecs = codecsFor(header, plan.tables);
      continue;
    }
    const row = RowLine.safeParse(value);
    if (row.success) {
      const index = header.tables.indexOf(row.data.table);
      const codec = codecs.get(row.data.table);
      if (index < tableIndex || !codec)
        throw new BackupError(
          `${NOT_A_BACKUP}: 第 ${number} 行的表 ${row.data.table} 不在预期位置 / unexpected table at line ${number}`,
        );
      tableIndex = index;
      codec.decode(row.data.row);
      counts[row.data.table] = (counts[row.data.table] ?? 0) + 1;
      continue;
    }
    const end = TrailerLine.safeParse(value);
    if (!end.success)
      throw new BackupError(`${NOT_A_BACKUP}: 第 ${number} 行无法识别 / unrecognised line ${number}`);
    trailer = end.data;
  }
  if (!header) throw new BackupError(`${NOT_A_BACKUP}: 文件为空 / the file is empty`);
  if (!trailer)
    throw new BackupError('备份文件不完整（缺少结束行）/ the backup is truncated: its end line is missing');
  for (const table of header.tables)
    if ((counts[table] ?? 0) !== (trailer.counts[table] ?? 0))
      throw new BackupError(
        `备份文件不完整：${table} 应有 ${trailer.counts[table] ?? 0} 行，实有 ${counts[table] ?? 0} 行 / the backup is incomplete: ${table} should have ${trailer.counts[table] ?? 0} rows, has ${counts[table] ?? 0}`,
      );
  return { header, counts };
}

/** Fills the (empty, migrated) database behind `driver` from a checked backup. */
async function restoreDriver(
  driver: Driver,
  file: string,
  checked: CheckedBackup,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const plan = backupTables();
  const tableOf = (key: string) => driver.tables[key as keyof Driver['tables']] as unknown as PgTable;
  for (const key of Object.keys(driver.tables)) {
    const [row] = await driver.db.select().from(tableOf(key)).limit(1);
    if (row !== undefined)
      throw new BackupError(
        '目标数据库不是空的：只能恢复到空数据库（不要先启动服务器，它会写入演示数据）/ the target database is not empty: restore only into an empty database (do not start the server on it first: it seeds the demo data)',
      );
  }
  const byName = new Map(plan.tables.map((table) => [table.name, table]));
  const codecs = codecsFor(checked.header, plan.tables);
  await inTransaction(driver, 'write', async (db) => {
    let batch: Record<string, unknown>[] = [];
    let current: BackupTable | undefined;
    const flush = async () => {
      if (current && batch.length > 0) await db.insert(tableOf(current.key)).values(batch);
      batch = [];
    };
    const finish = async () => {
      await flush();
      if (current) options.onProgress?.({ table: current.name, rows: checked.counts[current.name] ?? 0 });
    };
    let first = true;
    for await (const { text, number } of backupLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      const row = RowLine.safeParse(parseJson(text, number));
      if (!row.success) break;
      if (row.data.table !== current?.name) {
        await finish();
        current = byName.get(row.data.table);
      }
      const codec = codecs.get(row.data.table);
      if (!codec || !current) throw new BackupError(`${NOT_A_BACKUP}: ${row.data.table}`);
      batch.push(codec.decode(row.data.row));
      if (batch.length >= RESTORE_BATCH_ROWS) await flush();
    }
    await finish();
    if (driver.dialect === 'postgres') await moveSequences(db, plan.tables);
    await verifyCounts(db, plan.tables, tableOf, checked.counts);
  });
  return checked;
}

/** Moves each PostgreSQL serial past the largest restored id, so the next audit event does not collide. */
async function moveSequences(db: Db, tables: BackupTable[]): Promise<void> {
  for (const table of tables)
    for (const column of table.serials)
      await db.execute(
        sql`select setval(pg_get_serial_sequence(${table.name}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table.name)}), 0) + 1, false)`,
      );
}

/** Compares each table's row count with the file's, inside the transaction, so a mismatch rolls back. */
async function verifyCounts(
  db: Db,
  tables: BackupTable[],
  tableOf: (key: string) => PgTable,
  expected: TableCounts,
): Promise<void> {
  for (const table of tables) {
    const [row] = await db.select({ rows: count() }).from(tableOf(table.key));
    const rows = Number(row?.rows ?? 0);
    if (rows !== (expected[table.name] ?? 0))
      throw new BackupError(
        `恢复后 ${table.name} 有 ${rows} 行，备份中有 ${expected[table.name] ?? 0} 行 / after restoring, ${table.name} has ${rows} rows, the backup ${expected[table.name] ?? 0}`,
      );
  }
}

function checkHeader(value: unknown, dialect: Dialect, tables: BackupTable[]): BackupHeader {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupError(NOT_A_BACKUP);
  const parsed = BackupHeader.safeParse(value);
  if (!parsed.success) throw new BackupError(`${NOT_A_BACKUP}: 文件头无效 / invalid header`);
  const header = parsed.data;
  if (header.version > BACKUP_VERSION)
    throw new BackupError(
      `备份格式版本 ${header.version} 比本程序新，请先升级 / backup format version ${header.version} is newer than this build: upgrade Yipan first`,
    );
  if (!migrationJournal(dialect).some((entry) => entry.tag === header.migration))
    throw new BackupError(
      `备份来自更新的数据库版本（${header.migration}），请先升级 / the backup comes from a newer schema (${header.migration}) than this build knows: upgrade Yipan first`,
    );
  const known = new Set(tables.map((table) => table.name));
  const unknown = header.tables.filter((table) => !known.has(table));
  if (unknown.length > 0)
    throw new BackupError(`备份含有未知的表 / the backup holds unknown tables: ${unknown.join(', ')}`);
  return header;
}

/** One codec per table of the header, built on this build's PostgreSQL binding (rows are identical on both). */
function codecsFor(header: BackupHeader, tables: BackupTable[]): Map<string, RowCodec> {
  return new Map(
    tables
      .filter((table) => header.tables.includes(table.name))
      .map((table) => [table.name, new RowCodec(table.name, pgTableOf(table.key))]),
  );
}

function pgTableOf(key: string): PgTable {
  const table = (pgSchema as Record<string, PgTable>)[key];
  if (!table) throw new Error(`no table ${key} in the schema`);
  return table;
}

function parseJson(text: string, number: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError(`${NOT_A_BACKUP}: 第 ${number} 行不是 JSON / line ${number} is not JSON`);
  }
}

/** The lines of a gzip file, numbered from 1; a damaged or cut-off gzip stream becomes a BackupError. */
async function* backupLines(file: string): AsyncGenerator<{ text: string; number: number }> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let pending = '';
  let number = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const text of parts) {
        number += 1;
        yield { text, number };
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `无法读取备份文件（损坏或不完整）/ cannot read the backup file (damaged or truncated): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (pending.length > 0) {
    number += 1;
    yield { text: pending, number };
  }
}
