import type { DatabaseConfig, Dialect } from '@yipan/db';
import { createTemporaryDatabase } from '@yipan/db/testing';

/** A fresh, empty database for one suite, removed by `drop()`. */
export type TestDatabase = { dialect: Dialect; config: DatabaseConfig; drop(): Promise<void> };

/** Creates a temporary database: SQLite in a temp folder, or a temp PostgreSQL database on DATABASE_URL's server. */
export async function temporaryDatabase(dialect: Dialect): Promise<TestDatabase> {
  const temporary = await createTemporaryDatabase(dialect);
  return { dialect, config: temporary.config, drop: () => temporary.dispose() };
}
