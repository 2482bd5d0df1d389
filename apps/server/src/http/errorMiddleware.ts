import type { ErrorRequestHandler } from 'express';
import { ErrorCode, type ErrorBody } from '@yipan/protocol';
import { errorFields, type Logger } from '../createLogger';
import { badRequest, HttpError, internalError } from './HttpError';

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
    else {
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
