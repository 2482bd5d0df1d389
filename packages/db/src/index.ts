export { BATCH_DELAY_MS, COMPACTION_THRESHOLD, MAX_BATCH_ROWS } from './BatchedDocStore';
export { databaseConfigFromEnv, openDatabase, SQLITE_FILE_NAME } from './openDatabase';
export type * from './types';
