import { z } from 'zod';
import { Role, lazySchema } from '@yipan/domain';

/**
 * The sign-in contract: accounts, sessions, CSRF, sync tokens and the stable error codes of the
 * whole REST API. The server validates every request with these schemas; the web app validates
 * every response with them.
 */

/**
 * Every `error.code` the REST API answers with (`{"error":{"code","message"}}`). Codes are stable
 * snake_case and safe to branch on; messages are bilingual "中文 / English" and meant for people.
 */
export const ErrorCode = {
  /** 400: a query or body failed validation. */
  badRequest: 'bad_request',
  /** 400: the body is not valid JSON or too large. */
  invalidBody: 'invalid_body',
  /** 413: the request body is larger than the server accepts. */
  bodyTooLarge: 'body_too_large',
  /** 400: a path parameter is not a valid id. */
  invalidId: 'invalid_id',
  /** 400: a new password does not meet the password policy. */
  weakPassword: 'weak_password',
  /** 400: an organisation cannot be created or moved under that parent (level or cycle). */
  invalidParent: 'invalid_parent',
  /** 401: no session cookie (or token), or it names no session. */
  unauthenticated: 'unauthenticated',
  /** 401: wrong username or password (the same answer for an unknown user). */
  invalidCredentials: 'invalid_credentials',
  /** 401: the session passed its idle or absolute limit; sign in again. */
  sessionExpired: 'session_expired',
  /** 401: the session was signed out or revoked by an administrator. */
  sessionRevoked: 'session_revoked',
  /** 403: signed in, but the access rules do not allow this. */
  forbidden: 'forbidden',
  /** 403: a cookie-authenticated change without the session's `x-csrf-token` header. */
  csrfFailed: 'csrf_failed',
  /** 403: a cookie-authenticated change (or WebSocket) from a foreign Origin / Referer. */
  originMismatch: 'origin_mismatch',
  /** 404: no such API endpoint. */
  notFound: 'not_found',
  /** 404: no such plan. */
  planNotFound: 'plan_not_found',
  /** 404: no such organisation. */
  orgNotFound: 'org_not_found',
  /** 404: no such user (or not one the caller manages). */
  userNotFound: 'user_not_found',
  /** 404: no such membership. */
  membershipNotFound: 'membership_not_found',
  /** 404: no such session (or not one the caller may revoke). */
  sessionNotFound: 'session_not_found',
  /** 409: the username is taken. */
  usernameTaken: 'username_taken',
  /** 409: the organisation already has a plan for that year. */
  planExists: 'plan_exists',
  /** 409: the change would leave an organisation tree without any administrator. */
  lastAdmin: 'last_admin',
  /** 429: too many failed sign-ins for this account or address; see Retry-After. */
  tooManyAttempts: 'too_many_attempts',
  /** Realtime: messages or events faster than the limits allow (`/yjs` close 4429, `/board` acknowledgements). */
  rateLimited: 'rate_limited',
  /** Realtime: the user already holds the most connections one user may (`/yjs` close 4430, `/board` connect_error). */
  tooManyConnections: 'too_many_connections',
  /** 500: something unexpected; details are in the server log only. */
  internalError: 'internal_error',
  /** 503: the database cannot be reached right now (restarting, a network cut); try again shortly. */
  databaseUnavailable: 'database_unavailable',
  /** 501: the caller may do this, but the feature does not exist yet. */
  notImplemented: 'not_implemented',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Name of the session cookie (httpOnly, SameSite=Lax; Secure behind https). */
export const SESSION_COOKIE = 'yipan_session';
/** Header carrying the session's CSRF token on every cookie-authenticated POST/PUT/PATCH/DELETE. */
export const CSRF_HEADER = 'x-csrf-token';

/** Shortest password the policy accepts: long enough to resist guessing at our rate limits. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password accepted: scrypt's cost grows with input, so unbounded input is a DoS lever. */
export const PASSWORD_MAX_LENGTH = 256;
/** Distinct character classes (lower case, upper case, digits, other) a password must mix. */
export const PASSWORD_MIN_CLASSES = 2;
/** The password policy in words, shown on forms and in `weak_password` errors. */
export const PASSWORD_POLICY_MESSAGE = `密码至少 ${PASSWORD_MIN_LENGTH} 个字符，且包含小写字母、大写字母、数字、符号中至少两类 / A password needs at least ${PASSWORD_MIN_LENGTH} characters mixing at least two of: lower case, upper case, digits, symbols`;

/** Longest username a login form accepts: looser than `Username`'s 64, so the bound reveals nothing. */
const LOGIN_USERNAME_MAX = 128;
/** Longest display name: an office and a person's name, e.g. `市人大办公室 王敏`, with room to spare. */
const DISPLAY_NAME_MAX = 100;
/** Longest token a handshake may carry: real sync tokens are far shorter; the bound only keeps garbage out. */
const TOKEN_MAX = 1024;

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** Whether a password meets the policy (length and character classes); the server checks it again. */
export function isStrongPassword(password: string): boolean {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return false;
  return CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length >= PASSWORD_MIN_CLASSES;
}

/** A new password, validated against the policy. */
export const NewPassword = lazySchema(() =>
  z.string().refine(isStrongPassword, { message: PASSWORD_POLICY_MESSAGE }),
);

/** Usernames: 3–64 of lower-case letters, digits, `.`, `_`, `-`, starting with a letter or digit (e.g. `city.admin`). */
export const Username = lazySchema(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
      message: '用户名为3—64位小写字母、数字、点、下划线或连字符 / 3–64 lower-case letters, digits, . _ -',
    }),
);

/** A display name as people see it, e.g. `市人大办公室 王敏`. */
export const DisplayName = lazySchema(() => z.string().trim().min(1).max(DISPLAY_NAME_MAX));

/** `POST /api/auth/login`. Loosely bounded: a login form must not reveal which usernames could exist. */
export const LoginRequest = lazySchema(() =>
  z.object({
    username: z.string().trim().min(1).max(LOGIN_USERNAME_MAX),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  }),
);
export type LoginRequest = z.infer<typeof LoginRequest>;

/** The signed-in user as the web app shows them. */
export const CurrentUser = lazySchema(() =>
  z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
);
export type CurrentUser = z.infer<typeof CurrentUser>;

/** A user's role in one organisation. */
export const MembershipRef = lazySchema(() => z.object({ orgId: z.string(), role: Role }));
export type MembershipRef = z.infer<typeof MembershipRef>;

/**
 * `GET /api/me` (and the body of a successful login): who is signed in, their memberships, and the
 * CSRF token to send as `x-csrf-token` on every change.
 */
export const MeResponse = lazySchema(() =>
  z.object({
    user: CurrentUser,
    memberships: z.array(MembershipRef),
    csrfToken: z.string(),
    /** The current session, so a sessions list can mark "this device". */
    sessionId: z.string(),
  }),
);
export type MeResponse = z.infer<typeof MeResponse>;

/** `POST /api/auth/login` → 200: the same as `/api/me`, plus the httpOnly session cookie. */
export const LoginResponse = MeResponse;
export type LoginResponse = MeResponse;

/**
 * `POST /api/sync-token` → a short-lived token for `/yjs/<doc>?token=` or socket.io `auth.token`,
 * bound to the session: revoking the session invalidates it.
 */
export const SyncTokenResponse = lazySchema(() =>
  z.object({ token: z.string(), expiresAt: z.iso.datetime() }),
);
export type SyncTokenResponse = z.infer<typeof SyncTokenResponse>;

/** socket.io handshake `auth` for clients without the cookie (tests, tools). */
export const BoardAuth = lazySchema(() => z.object({ token: z.string().min(1).max(TOKEN_MAX).optional() }));
export type BoardAuth = z.infer<typeof BoardAuth>;
