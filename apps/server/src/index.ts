/** The Yipan server as a library: `createServer` for tests and embedding, plus what tests inspect. */
export { createServer, type ServerConfig, type YipanServer } from './createServer';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './createLogger';
export { parseEnv, ServerEnv } from './env';
export { DEMO_ORGS, DEMO_PASSWORD, DEMO_PLANS, DEMO_USERS, demoPlanId, type DemoUser } from './demoData';
export { MAX_PAYLOAD_BYTES } from './sync/SyncServer';
export { hashPassword, verifyPassword } from './auth/passwords';
export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SYNC_TOKEN_TTL_MS } from './auth/AuthService';
export { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, type FailureLimit } from './auth/LoginRateLimiter';
export { LIVE_RECHECK_INTERVAL_MS } from './auth/LiveConnections';
export type { SyncStats } from './sync/SyncStats';
export { rebuildProjection, type RebuildSummary } from './projection/rebuildProjection';
export { projectPlanDoc } from './projection/projectPlanDoc';
export { PROJECTION_DELAY_MS, type ProjectionStats } from './projection/PlanProjector';
