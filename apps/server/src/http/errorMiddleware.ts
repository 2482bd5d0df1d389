import type { ErrorRequestHandler } from 'express';
import { ErrorCode, type ErrorBody } from '@yipan/protocol';
import { databaseErrorCode, isDatabaseUnavailable } from '@yipan/db';
import { errorFields, type Logger } from '../createLogger';
import { badRequest, databaseUnavailable, HttpError, internalError } from './HttpError';

/** Express's body parsers mark client errors with a 4xx `status` and a `type`. */
function isClientBodyError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    'status' in error &&
    typeof error.status === 'number' &&
    error.status >= 400 &&
    error.status < 500
  );
}

/** Renders every error as `{"error":{"code","message"}}` with its status; unexpected ones are logged and become a 500 without details. */
export function errorMiddleware(
  logger: Logger,
  /** Hears every rendered error's status and code (for `/metrics`). */
  onError?: (status: number, code: string) => void,
): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    let httpError: HttpError;
    if (error instanceof HttpError) httpError = error;
    else if (isClientBodyError(error) && error.type === 'entity.too.large')
      httpError = new HttpError(
        413,
        ErrorCode.bodyTooLarge,
        '提交的内容过大，请精简后重试 / The submission is too large; shorten it and try again',
      );
    else if (isClientBodyError(error))
      httpError = badRequest('请求体无效 / Invalid request body', ErrorCode.invalidBody);
    else if (error instanceof URIError)
      // Express could not percent-decode a path parameter (`%E0%A4%A`): no id looks like that (found by the fuzzer).
      httpError = badRequest('编号无效 / Invalid id', ErrorCode.invalidId);
    else if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: one line without the stack, and a 503 the client may retry.
      logger.warn('database unavailable for a request', {
        method: request.method,
        path: request.path,
        code: databaseErrorCode(error),
      });
      httpError = databaseUnavailable();
    } else {
      logger.error('unhandled request error', {
        method: request.method,
        path: request.path,
        ...errorFields(error),
      });
      httpError = internalError();
    }
    onError?.(httpError.status, httpError.code);
    const body: ErrorBody = { error: { code: httpError.code, message: httpError.message } };
    response.status(httpError.status).set(httpError.headers).json(body);
  };
}
