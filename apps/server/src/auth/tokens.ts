import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of a session token: 256 bits, unguessable. */
const TOKEN_BYTES = 32;
/** Bytes of a public id (sessions, organisations, users): 128 bits, unique without coordination. */
const ID_BYTES = 16;

/** A random secret for a cookie, base64url. */
export function randomToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A random public id with a readable prefix, e.g. `org-…`; URL-safe and within IdParam's 64 characters. */
export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(ID_BYTES)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, '')}`;
}

/** SHA-256 of a token, hex: what the sessions table stores instead of the token. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** HMAC-SHA256 of a message under the session secret, base64url. */
export function hmac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

/** Compares two strings in constant time (for equal lengths; different lengths are simply unequal). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The CSRF token of a session: derived, so it needs no storage and cannot be computed without the secret. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return hmac(secret, `csrf.v1.${sessionId}`);
}

const SYNC_TOKEN_VERSION = 'v1';

/** A sync token for a session: `v1.<sessionId>.<expiresAtMs>.<hmac>`. */
export function signSyncToken(secret: string, sessionId: string, expiresAt: number): string {
  const body = `${SYNC_TOKEN_VERSION}.${sessionId}.${expiresAt}`;
  return `${body}.${hmac(secret, `sync.${body}`)}`;
}

/** The session a sync token names, or why it is refused. Its session must still be checked by the caller. */
export function readSyncToken(
  secret: string,
  token: string,
  now: number,
): { ok: true; sessionId: string } | { ok: false; reason: 'invalid' | 'expired' } {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'invalid' };
  const [version, sessionId, expiresText, signature] = parts as [string, string, string, string];
  const body = `${version}.${sessionId}.${expiresText}`;
  if (version !== SYNC_TOKEN_VERSION || !safeEqual(signature, hmac(secret, `sync.${body}`)))
    return { ok: false, reason: 'invalid' };
  const expiresAt = Number(expiresText);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, sessionId };
}
