import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ErrorCode } from '@yipan/protocol';
import { clientIp } from '../auth/requestAuth';
import { safeEqual, sha256Hex } from '../auth/tokens';
import { errorFields, type Logger } from '../createLogger';
import { forbidden, HttpError } from '../http/HttpError';
import type { ServerMetrics } from './ServerMetrics';

/** Path of the Prometheus endpoint (DESIGN.md "Contracts"); outside /api, since it is for operators, not the app. */
export const METRICS_PATH = '/metrics';

/** Who may scrape: holders of the token when one is configured, else only the machine itself. */
export type MetricsAccess = {
  /** METRICS_TOKEN: when set, scrapes must send `Authorization: Bearer <token>`. */
  token?: string;
  /** Read the client address from X-Forwarded-For (TRUST_PROXY), as everywhere else. */
  trustProxy: boolean;
};

const BEARER_PREFIX = 'Bearer ';
/** IPv4 loopback is a whole /8; IPv6 sockets report IPv4 peers as IPv4-mapped addresses. */
const LOOPBACK_V4 = /^(::ffff:)?127(\.\d{1,3}){3}$/i;
const LOOPBACK_V6 = '::1';

/** Whether an address is the machine itself (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string): boolean {
  return address === LOOPBACK_V6 || LOOPBACK_V4.test(address);
}

/** Whether a request carries the bearer token, compared in constant time. */
export function hasBearerToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization;
  if (!header?.startsWith(BEARER_PREFIX)) return false;
  // Hashes first: equal lengths, so the comparison reveals nothing, not even the token's length.
  return safeEqual(sha256Hex(header.slice(BEARER_PREFIX.length).trim()), sha256Hex(token));
}

/** 401 asking for the metrics token. */
function metricsTokenRequired(): HttpError {
  return new HttpError(401, ErrorCode.unauthenticated, '需要监控令牌 / A metrics token is required', {
    'WWW-Authenticate': 'Bearer realm="metrics"',
  });
}

/**
 * `GET /metrics` in Prometheus text format. With a token configured it answers only bearers of it (401
 * otherwise); without one only loopback clients (403 otherwise), so a fresh install exposes nothing.
 */
export function metricsRoute(metrics: ServerMetrics, access: MetricsAccess, logger: Logger): RequestHandler {
  return (request, response, next) => {
    if (access.token !== undefined) {
      if (!hasBearerToken(request, access.token)) {
        next(metricsTokenRequired());
        return;
      }
    } else if (!isLoopback(clientIp(request, access.trustProxy))) {
      next(forbidden());
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => {
        response.set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
      },
      (error: unknown) => {
        logger.error('failed to collect metrics', errorFields(error));
        next(error);
      },
    );
  };
}
