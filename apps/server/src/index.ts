/** The Yipan server as a library: `createServer` for tests and embedding, plus what tests inspect. */
export { createServer, type ServerConfig, type YipanServer } from './createServer';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './createLogger';
export { parseEnv, ServerEnv } from './env';
export { DEMO_ORGS, DEMO_PLANS, demoPlanId } from './demoData';
export { ANONYMOUS_AUTHOR, MAX_PAYLOAD_BYTES } from './sync/SyncServer';
export type { SyncStats } from './sync/SyncStats';
