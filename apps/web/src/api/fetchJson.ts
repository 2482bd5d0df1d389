import { CSRF_HEADER, ErrorBody, ErrorCode } from '@yipan/protocol';

/** Anything that validates unknown JSON into a T: the protocol's zod schemas fit. */
export type Parser<T> = { parse(data: unknown): T };

/** Code of an answer that did not match the protocol schema. */
export const INVALID_RESPONSE = 'invalid_response';
/** Code of a request that never got an answer (offline, server down). */
export const NETWORK_ERROR = 'network_error';

/** A failed request, carrying the server's stable error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asked us to wait (`Retry-After`), e.g. after too many failed sign-ins. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * What the API layer needs from the signed-in session; the auth store fills it in. Kept as hooks so
 * that this module does not depend on React or on the store.
 */
type SessionHooks = {
  /** The CSRF token of the current session, sent on every change. */
  csrfToken: () => string | null;
  /** A request was refused with 401: the session is gone (expired, revoked, signed out elsewhere). */
  onUnauthenticated: (code: string) => void;
  /** Fetches a fresh CSRF token (another tab may have signed in again); resolves whether it got one. */
  refreshCsrfToken: () => Promise<boolean>;
};

let hooks: SessionHooks = {
  csrfToken: () => null,
  onUnauthenticated: () => {},
  refreshCsrfToken: () => Promise.resolve(false),
};

/** Connects the API layer to the session (called once by the auth store). */
export function configureSession(next: SessionHooks): void {
  hooks = next;
}

/** Options of one request. */
export type RequestOptions = {
  signal?: AbortSignal;
  /** A 401 is an expected answer here (sign-in, the first /api/me): do not treat it as a lost session. */
  expectUnauthenticated?: boolean;
};

function retryAfter(response: Response): number | null {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

async function send(url: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  const parsed = ErrorBody.safeParse(body);
  const error = parsed.success
    ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, retryAfter(response))
    : new ApiError(response.status, 'http_error', `HTTP ${response.status}`, retryAfter(response));
  if (response.status === 401 && !options.expectUnauthenticated) hooks.onUnauthenticated(error.code);
  throw error;
}

async function parseBody<T>(response: Response, parser: Parser<T>): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  try {
    return parser.parse(body);
  } catch (error) {
    // A server of another version: say so rather than show a schema dump.
    throw new ApiError(
      response.status,
      INVALID_RESPONSE,
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** GETs JSON from the server's REST API and validates it against the protocol schema. */
export async function fetchJson<T>(
  url: string,
  parser: Parser<T>,
  options: AbortSignal | RequestOptions = {},
): Promise<T> {
  const resolved = options instanceof AbortSignal ? { signal: options } : options;
  const response = await send(url, { headers: { accept: 'application/json' } }, resolved);
  return parseBody(response, parser);
}

/** HTTP methods that change something: they carry the CSRF token. */
export type Mutation = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends a change (JSON body, CSRF header) and validates the answer; without a parser the answer is
 * ignored (e.g. 204). A `csrf_failed` refusal is retried once with a fresh token.
 */
export async function sendJson<T = void>(
  method: Mutation,
  url: string,
  body?: unknown,
  parser?: Parser<T>,
  options: RequestOptions = {},
): Promise<T> {
  const attempt = () => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = hooks.csrfToken();
    if (token) headers[CSRF_HEADER] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return send(
      url,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      options,
    );
  };
  let response: Response;
  try {
    response = await attempt();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === ErrorCode.csrfFailed)) throw error;
    if (!(await hooks.refreshCsrfToken())) throw error;
    response = await attempt();
  }
  return parser ? parseBody(response, parser) : (undefined as T);
}
