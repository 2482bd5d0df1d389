import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db, Driver, LogRow, Tables } from '../driver';
import * as tables from './schema';

/** Committed drizzle-kit migrations, found from this file so the working directory does not matter. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));
/** How long a statement waits for another process' write lock before failing (a backup, a CLI). */
const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating it and its folder if needed) and migrates an SQLite database file. */
export function openSqliteDriver(file: string): Driver {
  mkdirSync(dirname(file), { recursive: true });
  const client = new BetterSqlite3(file);
  try {
    client.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before append() resolves, so a power cut loses no acknowledged edit.
    client.pragma('synchronous = FULL');
    client.pragma('foreign_keys = ON');
    client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const db = drizzle({ client });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const insertLogRow = client.prepare(
      'INSERT INTO doc_updates (doc_name, "update", author, created_at) VALUES (?, ?, ?, ?)',
    );
    // created_at as the schema's timestamp_ms column stores it: milliseconds since the epoch.
    const insertLogRows = client.transaction((rows: readonly LogRow[]) => {
      for (const row of rows) insertLogRow.run(row.docName, row.update, row.author, row.createdAt.getTime());
    });
    return {
      dialect: 'sqlite',
      // The typed shim described on Driver: same builder calls, SQLite's tables and SQL.
      db: db as unknown as Db,
      tables: tables as unknown as Tables,
      writeLogBatch: (rows) => {
        try {
          insertLogRows(rows);
          return Promise.resolve();
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      // One process owns an SQLite file: nobody else compacts.
      compactExclusively: async (_docName, compact) => {
        await compact(db as unknown as Db);
        return true;
      },
      ping: () => {
        client.prepare('select 1').get();
        return Promise.resolve();
      },
      close: () => {
        client.close();
        return Promise.resolve();
      },
    };
  } catch (error) {
    client.close();
    throw error;
  }
}
