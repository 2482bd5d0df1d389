import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MIN_SESSION_SECRET_LENGTH } from './auth/sessionSecret';
import { LOG_LEVELS } from './createLogger';

/** The server package folder, so defaults do not depend on the working directory. */
const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Default HTTP port (DESIGN.md "Contracts"). */
const DEFAULT_PORT = 8080;
const MAX_PORT = 65_535;
/** Shortest METRICS_TOKEN accepted: a guessable token would be no protection. */
const MIN_METRICS_TOKEN_LENGTH = 16;

/** A boolean flag as environments write them: 1/0, true/false, yes/no. */
const Flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

/** The environment the server reads; `process.env` is read nowhere else. */
export const ServerEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(MAX_PORT).default(DEFAULT_PORT),
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Several server processes: Redis relays documents, socket.io broadcasts and access changes between them. */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** Prefix of every Redis channel and key, so several installations can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .default('yipan'),
    YIPAN_DEMO: Flag.default(true),
    /** Signs sync and CSRF tokens; generated and kept in DATA_DIR/session-secret when unset. */
    SESSION_SECRET: z.string().min(MIN_SESSION_SECRET_LENGTH).optional(),
    /** Comma-separated origins the app is served from (behind a proxy or under several names); the Host header otherwise. */
    PUBLIC_ORIGIN: z
      .string()
      .transform((value) => value.split(',').map((origin) => origin.trim()))
      .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((origin) => new URL(origin).origin)))
      .optional(),
    /** Secure cookies: `auto` (when the request came over https), or always / never. */
    COOKIE_SECURE: z.union([z.literal('auto'), Flag]).default('auto'),
    /** Trust X-Forwarded-For/-Proto from a reverse proxy in front of the server. */
    TRUST_PROXY: Flag.default(false),
    /** Bearer token `/metrics` requires; when unset, only loopback clients may scrape it. */
    METRICS_TOKEN: z.string().min(MIN_METRICS_TOKEN_LENGTH).optional(),
    YIPAN_WEB_DIST: z.string().min(1).default(resolve(SERVER_DIR, '../web/dist')),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /**
     * `0` turns off the per-user limits (message rate per user, connections and board sockets per user).
     * For the benchmark only, which opens hundreds of connections as one user; never in production.
     */
    USER_LIMITS: Flag.default(true),
  })
  .refine((env) => env.REDIS_URL === undefined || env.DATABASE_URL !== undefined, {
    path: ['REDIS_URL'],
    message: 'REDIS_URL needs DATABASE_URL: several processes must share one PostgreSQL database',
  });
export type ServerEnv = z.infer<typeof ServerEnv>;

/** Parses the environment; throws a readable error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  // An empty variable means "unset", as in most deployment tools.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ServerEnv.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
