/**
 * Node's socket errors that mean the database server cannot be reached right now (stopped,
 * restarting, a network cut); postgres-js passes them through as they are.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * postgres-js' own codes for a connection that broke or never opened. Not CONNECTION_ENDED: that one
 * means this process closed the pool itself, and retrying would never succeed.
 */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/**
 * PostgreSQL SQLSTATEs of a server that is there but not serving: shutting down (57P01 admin_shutdown,
 * 57P02 crash_shutdown), starting up (57P03 cannot_connect_now), out of connections (53300).
 * Class 08 (connection exceptions) is matched by prefix.
 */
const POSTGRES_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * SQLite result codes of a file that cannot be written for now: locked by another process past the busy
 * timeout, an I/O error, a full disk. Extended codes (SQLITE_IOERR_WRITE…) are matched by prefix.
 */
const SQLITE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN'];

/** How deep `cause` chains are followed (drizzle wraps once; a guard against cycles). */
const MAX_CAUSE_DEPTH = 5;

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function isUnavailableCode(code: string): boolean {
  return (
    SOCKET_CODES.has(code) ||
    DRIVER_CODES.has(code) ||
    POSTGRES_STATES.has(code) ||
    /^08[0-9A-Z]{3}$/.test(code) ||
    SQLITE_PREFIXES.some((prefix) => code.startsWith(prefix))
  );
}

/**
 * Whether an error means "the database cannot be reached for now" rather than "this query is wrong":
 * the first is worth retrying and is a 503 to REST clients, the second is a bug or a refused row.
 * Follows `cause`, because drizzle wraps the driver's error in "Failed query: …", and looks at every
 * error of an AggregateError (a connection attempt to each address of `localhost`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current; depth++) {
    const code = codeOf(current);
    if (code && isUnavailableCode(code)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner)))
      return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/**
 * A short, secret-free name for a database failure, for health reports: the first code found along
 * the `cause` chain (`ECONNREFUSED`, `57P01`, `SQLITE_BUSY`…), else the error's class name.
 */
export function databaseErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current; depth++) {
    const code = codeOf(current);
    if (code) return code;
    if (current instanceof AggregateError) {
      const inner = current.errors.map(codeOf).find((found) => found !== null);
      if (inner) return inner;
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return error instanceof Error ? error.name : 'unknown';
}
