import type { Actor } from '@yipan/domain';
import type { Database, MembershipRow, SessionRow, UserRow } from '@yipan/db';
import { ErrorCode } from '@yipan/protocol';
import { LoginRateLimiter, type FailureLimit } from './LoginRateLimiter';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { csrfTokenFor, randomId, randomToken, readSyncToken, sha256Hex, signSyncToken } from './tokens';

/** A session unused this long ends: a working day with breaks, so an unattended office PC signs out overnight. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** A session ends this long after sign-in however active: a weekly fresh sign-in bounds a stolen cookie's life. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Lifetime of a sync token: enough to open a connection, too short to be worth stealing. */
export const SYNC_TOKEN_TTL_MS = 5 * 60 * 1000;
/** `last_seen_at` is written at most this often per session, so reads do not each cost a write. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

/** Why a request is not signed in. */
export type AuthFailureCode =
  typeof ErrorCode.unauthenticated | typeof ErrorCode.sessionExpired | typeof ErrorCode.sessionRevoked;

/** A signed-in caller: the session, the user and their memberships as the policy's actor. */
export type Authenticated = {
  ok: true;
  session: SessionRow;
  user: UserRow;
  memberships: MembershipRow[];
  actor: NonNullable<Actor>;
};
/** The outcome of authenticating a request or connection. */
export type AuthResult = Authenticated | { ok: false; code: AuthFailureCode };

/** The outcome of a sign-in attempt. */
export type SignInResult =
  | { ok: true; auth: Authenticated; token: string }
  | { ok: false; code: typeof ErrorCode.invalidCredentials; user: UserRow | null }
  | { ok: false; code: typeof ErrorCode.tooManyAttempts; waitMs: number };

/** Options of the auth service. */
export type AuthServiceOptions = {
  db: Database;
  secret: string;
  now: () => number;
  limits?: { account?: FailureLimit; ip?: FailureLimit };
};

/**
 * Sign-in, sessions and tokens. Sessions live in the database (only the SHA-256 of the cookie token),
 * end after SESSION_IDLE_MS unused or SESSION_ABSOLUTE_MS after sign-in, and can be ended for good.
 */
export class AuthService {
  private readonly limiter: LoginRateLimiter;

  constructor(private readonly options: AuthServiceOptions) {
    this.limiter = new LoginRateLimiter(options.now, options.limits);
  }

  /** The current time of the injectable clock. */
  now(): number {
    return this.options.now();
  }

  /** Checks a password (doing the same scrypt work for unknown users) and opens a session. */
  async signIn(
    username: string,
    password: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<SignInResult> {
    const accountKey = username.trim().toLowerCase();
    const waitMs = this.limiter.waitMs(accountKey, client.ip);
    if (waitMs > 0) return { ok: false, code: ErrorCode.tooManyAttempts, waitMs };
    const { db } = this.options;
    const user = await db.users.getByUsername(accountKey);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid) {
      this.limiter.fail(accountKey, client.ip);
      return { ok: false, code: ErrorCode.invalidCredentials, user };
    }
    this.limiter.succeed(accountKey);
    const token = randomToken();
    const now = new Date(this.now());
    const session = {
      id: randomId('ses'),
      tokenHash: sha256Hex(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: client.ip,
      userAgent: client.userAgent,
    };
    await db.sessions.insert(session);
    const memberships = await db.users.memberships(user.id);
    return {
      ok: true,
      token,
      auth: {
        ok: true,
        session: { ...session, endedAt: null, endReason: null, endedBy: null },
        user,
        memberships,
        actor: { userId: user.id, memberships },
      },
    };
  }

  /** Authenticates the session cookie's token. */
  async authenticateToken(token: string | null | undefined): Promise<AuthResult> {
    if (!token) return { ok: false, code: ErrorCode.unauthenticated };
    return this.authenticateSession(await this.options.db.sessions.getByTokenHash(sha256Hex(token)));
  }

  /** Authenticates a sync token from `POST /api/sync-token`: valid signature, not expired, its session still open. */
  async authenticateSyncToken(token: string): Promise<AuthResult> {
    const read = readSyncToken(this.options.secret, token, this.now());
    if (!read.ok) return { ok: false, code: ErrorCode.unauthenticated };
    return this.authenticateSession(await this.options.db.sessions.get(read.sessionId));
  }

  /** Authenticates a session found by id (live connections re-check theirs this way). */
  async authenticateSessionId(sessionId: string): Promise<AuthResult> {
    return this.authenticateSession(await this.options.db.sessions.get(sessionId));
  }

  private async authenticateSession(session: SessionRow | null): Promise<AuthResult> {
    if (!session) return { ok: false, code: ErrorCode.unauthenticated };
    const status = this.statusOf(session);
    if (status !== 'ok') return { ok: false, code: status };
    const { db } = this.options;
    const user = await db.users.get(session.userId);
    if (!user) return { ok: false, code: ErrorCode.unauthenticated };
    const now = this.now();
    if (now - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      await db.sessions.touch(session.id, new Date(now));
      session = { ...session, lastSeenAt: new Date(now) };
    }
    const memberships = await db.users.memberships(user.id);
    return { ok: true, session, user, memberships, actor: { userId: user.id, memberships } };
  }

  /** Whether a session may still be used, and if not, why. */
  statusOf(session: SessionRow): 'ok' | AuthFailureCode {
    if (session.endedAt !== null) return ErrorCode.sessionRevoked;
    return this.now() >= this.expiresAt(session).getTime() ? ErrorCode.sessionExpired : 'ok';
  }

  /** When a session ends unless used again: the earlier of its idle and absolute limits. */
  expiresAt(session: SessionRow): Date {
    return new Date(Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + SESSION_IDLE_MS));
  }

  /** The CSRF token of a session. */
  csrfToken(sessionId: string): string {
    return csrfTokenFor(this.options.secret, sessionId);
  }

  /** A sync token bound to a session; revoking the session invalidates it. */
  issueSyncToken(sessionId: string): { token: string; expiresAt: Date } {
    const expiresAt = this.now() + SYNC_TOKEN_TTL_MS;
    return {
      token: signSyncToken(this.options.secret, sessionId, expiresAt),
      expiresAt: new Date(expiresAt),
    };
  }

  /** Ends a session for good (sign-out or revocation); resolves whether it was open. */
  endSession(sessionId: string, reason: 'signed_out' | 'revoked', by: string | null): Promise<boolean> {
    return this.options.db.sessions.end(sessionId, reason, by, new Date(this.now()));
  }
}
