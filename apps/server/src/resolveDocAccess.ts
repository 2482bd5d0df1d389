import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import {
  can,
  meetingIdFromMinutesDocName,
  planDocAccess,
  planIdFromDocName,
  type Actor,
  type OrgParents,
} from '@yipan/domain';
import type { Database, PlanRow } from '@yipan/db';
import { CloseCode, ErrorCode, SESSION_COOKIE, type PlanPermissions } from '@yipan/protocol';
import type { AuditLog } from './auth/AuditLog';
import type { AuthFailureCode, AuthService, Authenticated } from './auth/AuthService';
import { loadOrgTree } from './auth/orgTree';
import { checkOrigin, clientIp, readCookie, type SecurityOptions } from './auth/requestAuth';
import { minutesAccess } from './meetings/minutes/minutesAccess';
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

/** What a `/yjs` document is: a plan (`plan:<id>`) or a meeting's minutes (`minutes:<meetingId>`). */
export type DocTarget = { kind: 'plan'; planId: string } | { kind: 'minutes'; meetingId: string };

/** The target a document name stands for, or null when it names no kind of document the server serves. */
export function docTargetOf(docName: string): DocTarget | null {
  const planId = planIdFromDocName(docName);
  if (planId !== null) return { kind: 'plan', planId };
  const meetingId = meetingIdFromMinutesDocName(docName);
  return meetingId === null ? null : { kind: 'minutes', meetingId };
}

/** The organisation a document belongs to (it scopes the audit trail) and what an actor may do with it. */
export type DocGrant = { orgId: string; granted: 'write' | 'read' | 'none' };

/**
 * What an actor may do with a document now, by the policy of its kind: a plan's (`planDocAccess`) or a
 * meeting's minutes (`minutesAccess`). Null when the plan or meeting does not exist. Used when a
 * connection opens and again whenever its access is re-checked.
 */
export async function docGrant(db: Database, actor: Actor, target: DocTarget): Promise<DocGrant | null> {
  if (target.kind === 'minutes') {
    const access = await minutesAccess(db, actor, target.meetingId);
    return access && { orgId: access.meeting.orgId, granted: access.granted };
  }
  const plan = await db.plans.get(target.planId);
  if (!plan) return null;
  const tree = await loadOrgTree(db);
  return { orgId: plan.orgId, granted: planDocAccess(actor, plan, tree.parents) };
}

/** The organisation of a document, for auditing a refusal before anyone is authenticated. */
async function docOrgId(db: Database, target: DocTarget): Promise<string | null> {
  if (target.kind === 'plan') return (await db.plans.get(target.planId))?.orgId ?? null;
  return (await db.meetings.get(target.meetingId))?.orgId ?? null;
}

/** The outcome of a `/yjs` upgrade: accept with a mode, or refuse with a close code whose reason is an ErrorCode. */
export type DocDecision =
  | {
      accept: true;
      docName: string;
      target: DocTarget;
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
  const target = docName === null ? null : docTargetOf(docName);
  if (docName === null || target === null) {
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
        orgId: await docOrgId(context.db, target),
        ip,
        detail: { reason: auth.code, origin: request.headers.origin ?? null },
      });
      return { accept: false, code: CloseCode.forbidden, reason: auth.code };
    }
    return { accept: false, code: CloseCode.unauthenticated, reason: auth.code };
  }
  const grant = await docGrant(context.db, auth.actor, target);
  if (!grant) {
    const reason = target.kind === 'plan' ? 'unknown plan' : 'unknown meeting';
    return { accept: false, code: CloseCode.notFound, reason };
  }
  if (grant.granted === 'none') {
    await context.audit.recordDenial(`user:${auth.user.id}:${docName}`, {
      actorId: auth.user.id,
      target: `doc:${docName}`,
      orgId: grant.orgId,
      ip,
      detail: { reason: ErrorCode.forbidden },
    });
    return { accept: false, code: CloseCode.forbidden, reason: ErrorCode.forbidden };
  }
  const requested = modeOf(query);
  const mode = grant.granted === 'write' && requested === 'write' ? 'write' : 'read';
  return { accept: true, docName, target, mode, requested, auth };
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
