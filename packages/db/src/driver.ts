import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type * as pgSchema from './pg/schema';
import type * as sqliteSchema from './sqlite/schema';
import type { Dialect } from './types';

/** The tables the stores query, typed as their PostgreSQL binding (see Driver). */
export type Tables = typeof pgSchema;

/** A drizzle database (or transaction) the stores query, typed as the PostgreSQL one (see Driver). */
export type Db = PgDatabase<PostgresJsQueryResultHKT>;

/** One row of the update log, as the log writer inserts it. */
export type LogRow = { docName: string; update: Buffer; author: string; createdAt: Date };

/**
 * What each dialect supplies so that the stores are written once.
 *
 * The stores build their queries with drizzle's query builder against `db` and `tables`. On SQLite
 * these are the better-sqlite3 database and the `sqlite/` tables, cast to the PostgreSQL types: a
 * typed shim, sound because the stores stay within the builder subset both dialects share (select,
 * insert … returning, on conflict, update, where/orderBy/limit; every query is awaited, never
 * `.all()`/`.run()`), the two schemas produce identical row types (checked below at compile time) and
 * every store test runs on both dialects. What genuinely differs lives here: opening and migrating,
 * the log writer's transaction, and closing.
 */
export type Driver = {
  dialect: Dialect;
  db: Db;
  tables: Tables;
  /**
   * Writes one batch of the update log atomically, in order. SQLite runs one prepared statement per row
   * in a transaction (building a 500-row INSERT with the query builder cost more CPU than the commit);
   * PostgreSQL inserts the rows at once in a transaction holding an advisory lock, so that ids become
   * visible in increasing order even with several server processes (a snapshot's up_to_id must never
   * skip a row committed later with a smaller id).
   */
  writeLogBatch(rows: readonly LogRow[]): Promise<void>;
  /**
   * Runs a document's compaction unless another process is compacting it: on PostgreSQL in a
   * transaction holding that document's advisory lock (`pg_try_advisory_xact_lock`), resolving false
   * without running `compact` when another process holds it; on SQLite (one process) it simply runs.
   */
  compactExclusively(docName: string, compact: (db: Db) => Promise<void>): Promise<boolean>;
  /** One round trip to the database; rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** True when X and Y are the same type (not merely mutually assignable). */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type RowsOf<S> = { [K in keyof S]: S[K] extends { $inferSelect: infer R } ? R : never };
type NewRowsOf<S> = { [K in keyof S]: S[K] extends { $inferInsert: infer R } ? R : never };
// Compile-time proof that the shim above is sound: both bindings read and write the same row types.
const _sameRowTypes: Equal<RowsOf<Tables>, RowsOf<typeof sqliteSchema>> = true;
const _sameNewRowTypes: Equal<NewRowsOf<Tables>, NewRowsOf<typeof sqliteSchema>> = true;
