import { join, resolve } from 'node:path';
import { BatchedDocStore } from './BatchedDocStore';
import { createStores } from './createStores';
import { createDisclosureStore } from './disclosureStore';
import { createLifecycleStore } from './lifecycleStores';
import { createMeetingStore } from './meetingStore';
import { createProjectionStore } from './projectionStore';
import { createProposalStore } from './proposalStore';
import { createNotificationStore, createPlanReadStore } from './notificationStores';
import { createStepTemplateStore } from './stepTemplateStore';
import type { Driver } from './driver';
import { openPostgresDriver } from './pg/openPostgresDriver';
import { openSqliteDriver } from './sqlite/openSqliteDriver';
import type { Database, DatabaseConfig, OpenOptions } from './types';

/** File name of the embedded database inside the data folder. */
export const SQLITE_FILE_NAME = 'yipan.db';

/** Background failures go to the console unless the server routes them to its logger. */
const logBackgroundError: NonNullable<OpenOptions['onBackgroundError']> = (error, { docName }) =>
  console.error(`[@yipan/db] background compaction of ${docName} failed:`, error);

/** PostgreSQL when a URL is given, else the SQLite file `<dataDir>/yipan.db`. */
export function databaseConfigFromEnv(env: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): DatabaseConfig {
  if (env.databaseUrl) return { dialect: 'postgres', url: env.databaseUrl };
  return { dialect: 'sqlite', file: join(resolve(env.dataDir), SQLITE_FILE_NAME) };
}

/** Opens and migrates the configured dialect's driver (internal; tests instrument it). */
export async function openDriver(config: DatabaseConfig): Promise<Driver> {
  return config.dialect === 'sqlite' ? openSqliteDriver(config.file) : await openPostgresDriver(config.url);
}

/** Opens the database, applies the committed migrations and returns the stores. */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const driver = await openDriver(config);
  const docs = new BatchedDocStore(
    driver,
    options.onBackgroundError ?? logBackgroundError,
    options.onPersistenceChange,
  );
  let closing: Promise<void> | null = null;
  return {
    dialect: driver.dialect,
    docs,
    ...createStores(driver),
    lifecycle: createLifecycleStore(driver),
    projection: createProjectionStore(driver),
    stepTemplates: createStepTemplateStore(driver),
    proposals: createProposalStore(driver),
    notifications: createNotificationStore(driver),
    planReads: createPlanReadStore(driver),
    meetings: createMeetingStore(driver),
    disclosures: createDisclosureStore(driver),
    ping: () => driver.ping(),
    close() {
      closing ??= docs.close().finally(() => driver.close());
      return closing;
    },
  };
}
