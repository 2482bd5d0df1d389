import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Driver } from '../driver';
import * as tables from './schema';

/** Committed drizzle-kit migrations, found from this file so the working directory does not matter. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/pg', import.meta.url));
/** Advisory lock key ("yipa" in ASCII) held while migrating, so processes starting together migrate once. */
const MIGRATION_LOCK = 0x79697061;
/** Advisory lock key held by each update-log batch, so log ids commit in increasing order across processes. */
const LOG_LOCK = MIGRATION_LOCK + 1;
/**
 * First key of the per-document compaction lock `(COMPACTION_LOCK, hashtext(doc_name))`: two-key advisory
 * locks live apart from the one-key ones above. A hash collision only makes two documents take turns.
 */
export const COMPACTION_LOCK = MIGRATION_LOCK + 2;

/** First and longest pause (seconds) before reconnecting to a server that went away. */
const RECONNECT_FIRST_S = 0.05;
const RECONNECT_MAX_S = 1;

/**
 * postgres-js' pause before a pool connection reconnects after `retries` failures in a row. Its default
 * grows to 20 s, so after a restart of a few seconds the pool could stay away for many more; capped
 * at a second, like the update log's own retries, the queued edits land as soon as the server is back.
 */
const reconnectBackoff = (retries: number): number =>
  Math.min(RECONNECT_FIRST_S * 2 ** retries, RECONNECT_MAX_S);

/** Migration notices ("schema drizzle already exists, skipping") are expected and not worth printing. */
const ignoreNotice = (): void => undefined;

/** Applies the migrations on a dedicated connection that holds MIGRATION_LOCK until it ends. */
async function migrateDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: ignoreNotice });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}

/** Connects to PostgreSQL and migrates the database. */
export async function openPostgresDriver(url: string): Promise<Driver> {
  await migrateDatabase(url);
  const client = postgres(url, {
    onnotice: ignoreNotice,
    backoff: reconnectBackoff,
    // Array types are looked up on each new connection by a query whose failure (the server went away
    // right after the connection opened) postgres-js leaves unhandled, which ends the process. The
    // schema has no array columns and the stores pass no array parameters: nothing needs them.
    fetch_types: false,
  });
  const db = drizzle({ client });
  return {
    dialect: 'postgres',
    db,
    tables,
    writeLogBatch: (rows) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${LOG_LOCK})`);
        await tx.insert(tables.docUpdates).values([...rows]);
      }),
    compactExclusively: (docName, compact) =>
      db.transaction(async (tx) => {
        const [lock] = await tx.execute<{ acquired: boolean }>(
          sql`select pg_try_advisory_xact_lock(${COMPACTION_LOCK}::int4, hashtext(${docName})) as acquired`,
        );
        if (!lock?.acquired) return false;
        await compact(tx);
        return true;
      }),
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end(),
  };
}
