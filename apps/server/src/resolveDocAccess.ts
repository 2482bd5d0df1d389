import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { can, planDocAccess, planIdFromDocName, type Actor, type OrgParents } from '@yipan/domain';
import type { Database, PlanRow } from '@yipan/db';
import { CloseCode, ErrorCode, SESSION_COOKIE, type PlanPermissions } from '@yipan/protocol';
import type { AuditLog } from './auth/AuditLog';
import type { AuthFailureCode, AuthService, Authenticated } from './auth/AuthService';
import { loadOrgTree } from './auth/orgTree';
import { checkOrigin, clientIp, readCookie, type SecurityOptions } from './auth/requestAuth';
import type { SyncMode } from './sync/SyncConnection';

/**
 * The one place that decides who may open what over a WebSocket. Every decision asks the policy of
 * @yipan/domain (`can`, `planDocAccess`); a client may ask for less with `?mode=read`, never for more.
 */

/** What connection-level access checks need. `delayMs` simulates a slow session look-up (tests of the upgrade path). */
export type AccessContext = {
  db: Database;
  auth: AuthService;
  security: SecurityOptions;
  audit: AuditLog;
  delayMs?: number;
};

/** The query a client may add to a sync URL or REST call: ask for less access, or carry a sync token. */
const AccessQuery = z.object({
  mode: z.enum(['read', 'write']).optional().catch(undefined),
  token: z.string().min(1).max(1024).optional().catch(undefined),
});

function accessQuery(request: IncomingMessage): z.infer<typeof AccessQuery> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const parsed = AccessQuery.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success ? parsed.data : {};
}

/** The mode a request asks for; anything but an explicit `mode=read` asks for everything it may have. */
export function requestedMode(request: IncomingMessage): 'read' | 'write' {
  return modeOf(accessQuery(request));
}

function modeOf(query: z.infer<typeof AccessQuery>): 'read' | 'write' {
  return query.mode === 'read' ? 'read' : 'write';
}

/** Why a connection is refused before it is authenticated: no credentials, an ended session, or a foreign page. */
export type ConnectionAuthFailure = AuthFailureCode | typeof ErrorCode.originMismatch;

/**
 * Authenticates a WebSocket (`/yjs` upgrade or socket.io handshake): by a sync token when one is
 * given (no Origin needed: it is not ambient), else by the session cookie, which a foreign page's
 * browser would attach too, so it counts only with a matching Origin.
 */
export async function authenticateConnection(
  request: IncomingMessage,
  token: string | null | undefined,
  context: Pick<AccessContext, 'auth' | 'security'>,
): Promise<Authenticated | { ok: false; code: ConnectionAuthFailure }> {
  if (token) return context.auth.authenticateSyncToken(token);
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!cookie) return { ok: false, code: ErrorCode.unauthenticated };
  if (checkOrigin(request, context.security) !== 'ok') return { ok: false, code: ErrorCode.originMismatch };
  return context.auth.authenticateToken(cookie);
}

/** The outcome of a `/yjs` upgrade: accept with a mode, or refuse with a close code whose reason is an ErrorCode. */
export type DocDecision =
  | {
      accept: true;
      docName: string;
      plan: PlanRow;
      mode: SyncMode;
      requested: 'read' | 'write';
      auth: Authenticated;
    }
  | { accept: false; code: CloseCode; reason: string };

/** Access of a `/yjs/<docName>` connection, decided before the WebSocket handshake completes. */
export async function resolveDocAccess(
  request: IncomingMessage,
  docName: string | null,
  context: AccessContext,
): Promise<DocDecision> {
  if (context.delayMs) await new Promise((resolve) => setTimeout(resolve, context.delayMs));
  const planId = docName === null ? null : planIdFromDocName(docName);
  if (docName === null || planId === null) {
    return { accept: false, code: CloseCode.notFound, reason: 'unknown document' };
  }
  const ip = clientIp(request, context.security.trustProxy);
  const query = accessQuery(request);
  const auth = await authenticateConnection(request, query.token, context);
  if (!auth.ok) {
    if (auth.code === ErrorCode.originMismatch) {
      await context.audit.recordDenial(`origin:${ip}:${docName}`, {
        actorId: null,
        target: `doc:${docName}`,
        orgId: (await context.db.plans.get(planId))?.orgId ?? null,
        ip,
        detail: { reason: auth.code, origin: request.headers.origin ?? null },
      });
      return { accept: false, code: CloseCode.forbidden, reason: auth.code };
    }
    return { accept: false, code: CloseCode.unauthenticated, reason: auth.code };
  }
  const plan = await context.db.plans.get(planId);
  if (!plan) return { accept: false, code: CloseCode.notFound, reason: 'unknown plan' };
  const tree = await loadOrgTree(context.db);
  const granted = planDocAccess(auth.actor, plan, tree.parents);
  if (granted === 'none') {
    await context.audit.recordDenial(`user:${auth.user.id}:${docName}`, {
      actorId: auth.user.id,
      target: `doc:${docName}`,
      orgId: plan.orgId,
      ip,
      detail: { reason: ErrorCode.forbidden },
    });
    return { accept: false, code: CloseCode.forbidden, reason: ErrorCode.forbidden };
  }
  const requested = modeOf(query);
  const mode = granted === 'write' && requested === 'write' ? 'write' : 'read';
  return { accept: true, docName, plan, mode, requested, auth };
}

/** What an actor may do with a plan, as the REST API reports it; `mode=read` reports read-only. */
export function planPermissions(
  actor: Actor,
  plan: Pick<PlanRow, 'orgId' | 'status'>,
  parents: OrgParents,
  requested: 'read' | 'write' = 'write',
): PlanPermissions {
  const resource = { kind: 'plan' as const, orgId: plan.orgId, status: plan.status };
  const allowed = (action: 'write' | 'link' | 'workflow' | 'propose') =>
    requested === 'write' && can(actor, action, resource, parents);
  return {
    read: can(actor, 'read', resource, parents),
    write: allowed('write'),
    link: allowed('link'),
    workflow: allowed('workflow'),
    propose: allowed('propose'),
  };
}
