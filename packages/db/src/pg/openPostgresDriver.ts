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
  const client = postgres(url, { onnotice: ignoreNotice });
  const db = drizzle({ client });
  return {
    dialect: 'postgres',
    db,
    tables,
    writeLogBatch: (insert) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${LOG_LOCK})`);
        return insert(tx);
      }),
    close: () => client.end(),
  };
}
