import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { CSRF_HEADER, SESSION_COOKIE } from '@yipan/protocol';
import { safeEqual } from '../auth/tokens';
import { checkOrigin, readCookie } from '../auth/requestAuth';
import { authOf, type ApiContext } from './apiContext';
import { csrfFailed, originMismatch } from './HttpError';

/** Methods that change state and so need CSRF and Origin checks. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers. The CSP fits the built web app: scripts only from the server itself (Vite emits
 * no inline script), inline styles allowed because antd's CSS-in-JS injects them, WebSockets to any
 * host the page reached (`ws:`/`wss:`, as the sync URL follows the page's host), images inline as data
 * URLs. No `upgrade-insecure-requests`: county offices often serve plain http on their LAN.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/**
 * CSRF and Origin checks of cookie-authenticated changes: a POST/PUT/PATCH/DELETE that carries the
 * session cookie must come from our own origin (Origin, else Referer) and carry the session's
 * `x-csrf-token`. Sign-in has no session yet: it checks the Origin when one is sent. Requests
 * without the cookie pass through to their route, which answers 401 when it needs a session.
 */
export function csrfProtection(context: ApiContext): RequestHandler {
  return (request, _response, next) => {
    if (!UNSAFE_METHODS.has(request.method)) return next();
    if (request.path === '/auth/login') {
      if (request.headers.origin !== undefined && checkOrigin(request, context.security) !== 'ok')
        return next(originMismatch());
      return next();
    }
    if (readCookie(request.headers.cookie, SESSION_COOKIE) === null) return next();
    if (checkOrigin(request, context.security) !== 'ok') return next(originMismatch());
    authOf(request, context).then((auth) => {
      // An ended session falls through: its route answers 401 with the reason.
      if (!auth.ok) return next();
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, context.auth.csrfToken(auth.session.id)))
        return next(csrfFailed());
      next();
    }, next);
  };
}
