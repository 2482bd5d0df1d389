/**
 * An error with a stable snake_case code and an HTTP status, rendered by the error middleware as
 * `{"error":{"code","message"}}`. Messages are shown to users: bilingual "中文 / English".
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400: a path parameter, query or body failed validation. */
export function badRequest(
  message = '请求参数无效 / Invalid request parameters',
  code = 'bad_request',
): HttpError {
  return new HttpError(400, code, message);
}

/** 401: the caller is not signed in. */
export function unauthenticated(): HttpError {
  return new HttpError(401, 'unauthenticated', '请先登录 / Please sign in');
}

/** 403: signed in, but not allowed to see or do this. */
export function forbidden(): HttpError {
  return new HttpError(403, 'forbidden', '无权访问 / Access denied');
}

/** 404 for an /api path that names no endpoint. */
export function routeNotFound(): HttpError {
  return new HttpError(404, 'not_found', '接口不存在 / No such API endpoint');
}

/** 404 for a plan id that names no plan. */
export function planNotFound(): HttpError {
  return new HttpError(404, 'plan_not_found', '监督工作计划不存在 / Plan not found');
}

/** 404 for an organisation id that names no organisation. */
export function orgNotFound(): HttpError {
  return new HttpError(404, 'org_not_found', '组织不存在 / Organisation not found');
}

/** 500: anything unexpected; the details go to the log, never to the client. */
export function internalError(): HttpError {
  return new HttpError(500, 'internal_error', '服务器内部错误 / Internal server error');
}
