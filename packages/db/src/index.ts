export { BATCH_DELAY_MS, COMPACTION_THRESHOLD, MAX_BATCH_ROWS } from './BatchedDocStore';
export { databaseErrorCode, isDatabaseUnavailable } from './databaseUnavailable';
export { databaseConfigFromEnv, openDatabase, SQLITE_FILE_NAME } from './openDatabase';
export type * from './types';
export { backupDatabase, type BackupSummary } from './backup/backupDatabase';
export { restoreDatabase, type RestoreSummary } from './backup/restoreDatabase';
export { BackupError } from './backup/BackupError';
