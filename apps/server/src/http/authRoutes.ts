import { Router, type Request, type Response } from 'express';
import {
  ErrorCode,
  LoginRequest,
  SESSION_COOKIE,
  type MeResponse,
  type SessionSummary,
  type SessionsResponse,
  type SyncTokenResponse,
} from '@yipan/protocol';
import type { SessionRow, UserRow } from '@yipan/db';
import { SESSION_ABSOLUTE_MS, type Authenticated } from '../auth/AuthService';
import { homeOrgOf, loadOrgTree } from '../auth/orgTree';
import { authOf, idParam, ipOf, parseInput, requireAuth, type ApiContext } from './apiContext';
import { invalidCredentials, sessionNotFound, tooManyAttempts } from './HttpError';

/** Cookie attributes: httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), whole site. */
function cookieOptions(request: Request, context: ApiContext) {
  const { cookieSecure } = context.security;
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: cookieSecure === 'auto' ? request.secure : cookieSecure,
  };
}

/** The body of `/api/me` and of a successful sign-in. */
export function meBody(auth: Authenticated, context: ApiContext): MeResponse {
  return {
    user: { id: auth.user.id, username: auth.user.username, displayName: auth.user.displayName },
    memberships: auth.memberships.map(({ orgId, role }) => ({ orgId, role })),
    csrfToken: context.auth.csrfToken(auth.session.id),
    sessionId: auth.session.id,
  };
}

/** A session as listed to its owner or an administrator. */
export function sessionSummary(
  session: SessionRow,
  user: Pick<UserRow, 'id' | 'username' | 'displayName'>,
  currentSessionId: string,
  context: ApiContext,
): SessionSummary {
  return {
    id: session.id,
    user: { id: user.id, username: user.username, displayName: user.displayName },
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: context.auth.expiresAt(session).toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentSessionId,
  };
}

/**
 * Ends a session for good and closes its live connections (4401 on /yjs, `session:ended` on /board).
 * Resolves whether it was open.
 */
export async function endSession(
  context: ApiContext,
  sessionId: string,
  reason: 'signed_out' | 'revoked',
  by: string,
): Promise<boolean> {
  const ended = await context.auth.endSession(sessionId, reason, by);
  await context.live.recheckSession(sessionId);
  return ended;
}

/** `/api/auth/*`, `/api/me*` and `/api/sync-token`. */
export function authRoutes(context: ApiContext): Router {
  const { db, audit } = context;
  const routes = Router();

  routes.post('/auth/login', async (request: Request, response: Response) => {
    const { username, password } = parseInput(LoginRequest, request.body);
    const ip = ipOf(request, context);
    const userAgent = request.headers['user-agent']?.slice(0, 300) ?? null;
    const result = await context.auth.signIn(username, password, { ip, userAgent });
    if (!result.ok) {
      if (result.code === ErrorCode.tooManyAttempts) throw tooManyAttempts(result.waitMs);
      const orgId = result.user
        ? homeOrgOf(await loadOrgTree(db), await db.users.memberships(result.user.id))
        : null;
      await audit.record({
        kind: 'sign_in_failed',
        actorId: null,
        target: result.user ? `user:${result.user.id}` : null,
        orgId,
        ip,
        // An unknown name is not recorded: people type their password into the username field.
        detail: result.user ? { username: result.user.username } : { unknownUser: true },
      });
      throw invalidCredentials();
    }
    const { auth, token } = result;
    response.cookie(SESSION_COOKIE, token, {
      ...cookieOptions(request, context),
      maxAge: SESSION_ABSOLUTE_MS,
    });
    await audit.record({
      kind: 'sign_in_succeeded',
      actorId: auth.user.id,
      target: `session:${auth.session.id}`,
      orgId: homeOrgOf(await loadOrgTree(db), auth.memberships),
      ip,
    });
    response.json(meBody(auth, context));
  });

  routes.post('/auth/logout', async (request, response) => {
    const auth = await authOf(request, context);
    response.clearCookie(SESSION_COOKIE, cookieOptions(request, context));
    if (auth.ok) {
      await endSession(context, auth.session.id, 'signed_out', auth.user.id);
      await audit.record({
        kind: 'sign_out',
        actorId: auth.user.id,
        target: `session:${auth.session.id}`,
        orgId: homeOrgOf(await loadOrgTree(db), auth.memberships),
        ip: ipOf(request, context),
      });
    }
    response.status(204).end();
  });

  routes.get('/me', async (request, response) => {
    response.json(meBody(await requireAuth(request, context), context));
  });

  routes.post('/sync-token', async (request, response) => {
    const auth = await requireAuth(request, context);
    const { token, expiresAt } = context.auth.issueSyncToken(auth.session.id);
    const body: SyncTokenResponse = { token, expiresAt: expiresAt.toISOString() };
    response.json(body);
  });

  routes.get('/me/sessions', async (request, response) => {
    const auth = await requireAuth(request, context);
    const open = await db.sessions.listOpen([auth.user.id], new Date(context.auth.now()));
    const body: SessionsResponse = {
      sessions: open
        .filter((session) => context.auth.statusOf(session) === 'ok')
        .map((session) => sessionSummary(session, auth.user, auth.session.id, context)),
    };
    response.json(body);
  });

  routes.delete('/me/sessions/:sessionId', async (request, response) => {
    const auth = await requireAuth(request, context);
    const sessionId = idParam(request, 'sessionId');
    const session = await db.sessions.get(sessionId);
    if (!session || session.userId !== auth.user.id) throw sessionNotFound();
    if (await endSession(context, sessionId, 'signed_out', auth.user.id))
      await audit.record({
        kind: 'sign_out',
        actorId: auth.user.id,
        target: `session:${sessionId}`,
        orgId: homeOrgOf(await loadOrgTree(db), auth.memberships),
        ip: ipOf(request, context),
      });
    response.status(204).end();
  });

  return routes;
}
