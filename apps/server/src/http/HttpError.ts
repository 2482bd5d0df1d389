import { ErrorCode } from '@yipan/protocol';

/**
 * An error with a stable snake_case code and an HTTP status, rendered by the error middleware as
 * `{"error":{"code","message"}}`. Messages are shown to users: bilingual "中文 / English".
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A factory of an error that carries nothing but its status, code and message. */
function fixed(status: number, code: ErrorCode, message: string): () => HttpError {
  return () => new HttpError(status, code, message);
}

/** 400: a path parameter, query or body failed validation. */
export function badRequest(
  message = '请求参数无效 / Invalid request parameters',
  code: string = ErrorCode.badRequest,
): HttpError {
  return new HttpError(400, code, message);
}

/** 401: the caller is not signed in, or their session ended (the code says which). */
export function unauthenticated(code: ErrorCode = ErrorCode.unauthenticated): HttpError {
  const messages: Partial<Record<ErrorCode, string>> = {
    [ErrorCode.sessionExpired]: '登录已过期，请重新登录 / Your session has expired; please sign in again',
    [ErrorCode.sessionRevoked]: '登录已失效，请重新登录 / Your session was ended; please sign in again',
  };
  return new HttpError(401, code, messages[code] ?? '请先登录 / Please sign in');
}

/** 401: wrong username or password; the same for an unknown user. */
export const invalidCredentials = fixed(
  401,
  ErrorCode.invalidCredentials,
  '用户名或密码错误 / Wrong username or password',
);

/** 429: too many failed sign-ins; says how long to wait, also as Retry-After (seconds). */
export function tooManyAttempts(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new HttpError(
    429,
    ErrorCode.tooManyAttempts,
    `登录失败次数过多，请 ${minutes} 分钟后再试 / Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { 'Retry-After': String(seconds) },
  );
}

/** 403: signed in, but not allowed to see or do this. */
export const forbidden = fixed(403, ErrorCode.forbidden, '无权访问 / Access denied');

/** 403: a cookie-authenticated change without the session's CSRF token. */
export const csrfFailed = fixed(
  403,
  ErrorCode.csrfFailed,
  '请求校验失败，请刷新页面后重试 / Request verification failed; reload the page and try again',
);

/** 403: a cookie-authenticated change from another site. */
export const originMismatch = fixed(
  403,
  ErrorCode.originMismatch,
  '请求来源不被允许 / Request origin not allowed',
);

/** 404 for an /api path that names no endpoint. */
export const routeNotFound = fixed(404, ErrorCode.notFound, '接口不存在 / No such API endpoint');

/** 404 for a plan id that names no plan. */
export const planNotFound = fixed(404, ErrorCode.planNotFound, '监督工作计划不存在 / Plan not found');

/** 404 for an organisation id that names no organisation. */
export const orgNotFound = fixed(404, ErrorCode.orgNotFound, '组织不存在 / Organisation not found');

/** 404 for a user the caller cannot see or manage. */
export const userNotFound = fixed(404, ErrorCode.userNotFound, '用户不存在 / User not found');

/** 404 for a membership that does not exist. */
export const membershipNotFound = fixed(
  404,
  ErrorCode.membershipNotFound,
  '该用户不是本组织成员 / No such membership',
);

/** 404 for a session that does not exist or that the caller may not see. */
export const sessionNotFound = fixed(404, ErrorCode.sessionNotFound, '会话不存在 / Session not found');

/** 409: the organisation already has a plan for that year. */
export const planExists = fixed(
  409,
  ErrorCode.planExists,
  '该年度的监督工作计划已存在 / A plan for that year already exists',
);

/** 409: the username is taken. */
export const usernameTaken = fixed(409, ErrorCode.usernameTaken, '用户名已被使用 / Username already taken');

/** 409: the change would leave the organisation without an administrator. */
export const lastAdmin = fixed(
  409,
  ErrorCode.lastAdmin,
  '不能移除最后一位管理员 / This would leave the organisation without an administrator',
);

/** 400: an organisation cannot sit under that parent. */
export function invalidParent(message: string): HttpError {
  return new HttpError(400, ErrorCode.invalidParent, message);
}

/** 501: allowed, but not built yet. */
export const notImplemented = fixed(501, ErrorCode.notImplemented, '该功能尚未提供 / Not implemented yet');

/** Seconds a client is asked to wait (Retry-After) when the database is away: a restart takes a few. */
const DATABASE_RETRY_AFTER_S = 5;

/** 503: the database cannot be reached right now; nothing was changed, the request can be repeated. */
export function databaseUnavailable(): HttpError {
  return new HttpError(
    503,
    ErrorCode.databaseUnavailable,
    '数据库暂时无法访问，请稍后重试；看板上的编辑不受影响 / The database is unavailable right now; try again shortly (edits on the board are kept)',
    { 'Retry-After': String(DATABASE_RETRY_AFTER_S) },
  );
}

/** 500: anything unexpected; the details go to the log, never to the client. */
export const internalError = fixed(500, ErrorCode.internalError, '服务器内部错误 / Internal server error');
