import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_LEVELS } from './createLogger';

/** The server package folder, so defaults do not depend on the working directory. */
const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Default HTTP port (DESIGN.md "Contracts"). */
const DEFAULT_PORT = 8080;
const MAX_PORT = 65_535;

/** A boolean flag as environments write them: 1/0, true/false, yes/no. */
const Flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

/** The environment the server reads; `process.env` is read nowhere else. */
export const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(MAX_PORT).default(DEFAULT_PORT),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Reserved for scale-out (Redis pub/sub); not used yet. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  YIPAN_DEMO: Flag.default(true),
  YIPAN_WEB_DIST: z.string().min(1).default(resolve(SERVER_DIR, '../web/dist')),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
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
