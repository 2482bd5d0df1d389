import type { Request } from 'express';
import type { z } from 'zod';
import { can, type PlanAction } from '@yipan/domain';
import type { Database } from '@yipan/db';
import { IdParam, SESSION_COOKIE } from '@yipan/protocol';
import type { AlignmentService } from '../alignment/AlignmentService';
import type { AuditLog } from '../auth/AuditLog';
import type { AuthResult, AuthService, Authenticated } from '../auth/AuthService';
import type { LiveConnections } from '../auth/LiveConnections';
import { loadOrgTree } from '../auth/orgTree';
import { clientIp, readCookie, type SecurityOptions } from '../auth/requestAuth';
import type { BoardServer } from '../board/attachBoard';
import type { Logger } from '../createLogger';
import type { MeetingService } from '../meetings/MeetingService';
import type { Notifier } from '../notifications/Notifier';
import type { ProposalRateLimiter } from '../solicitation/ProposalRateLimiter';
import type { SyncServer } from '../sync/SyncServer';
import { badRequest, forbidden, planNotFound, unauthenticated } from './HttpError';

/** What every API router needs. */
export type ApiContext = {
  db: Database;
  auth: AuthService;
  audit: AuditLog;
  live: LiveConnections;
  security: SecurityOptions;
  logger: Logger;
  /** Plan documents, for the routes that read or change them on the server (proposals, versions). */
  docs: Pick<SyncServer, 'editDoc' | 'readDoc' | 'setEditPolicy'>;
  /** socket.io `/board`, for announcing what the server decided (`planRoom(planId)` reaches a plan's watchers). */
  io: BoardServer;
  /** Limits of the public proposal form (per address, per plan). */
  proposalLimiter: ProposalRateLimiter;
  /** One chessboard: the matrix, answers, links, reminders, read receipts (shared with the projector's hook). */
  alignment: AlignmentService;
  /** Stores and pushes users' notifications. */
  notifier: Notifier;
  /** Meeting mode: setup, live controls and records (shared with the socket handlers). */
  meetings: MeetingService;
};

/** The session cookie's authentication, looked up once per request. */
const authentications = new WeakMap<Request, Promise<AuthResult>>();

/** Authenticates a request by its session cookie (memoised per request). */
export function authOf(request: Request, context: ApiContext): Promise<AuthResult> {
  let result = authentications.get(request);
  if (!result) {
    result = context.auth.authenticateToken(readCookie(request.headers.cookie, SESSION_COOKIE));
    authentications.set(request, result);
  }
  return result;
}

/** The signed-in caller, or a 401 whose code says why not (`unauthenticated`, `session_expired`, `session_revoked`). */
export async function requireAuth(request: Request, context: ApiContext): Promise<Authenticated> {
  const result = await authOf(request, context);
  if (!result.ok) throw unauthenticated(result.code);
  return result;
}

/** The caller's address for rate limits and the audit trail. */
export function ipOf(request: Request, context: ApiContext): string {
  return clientIp(request, context.security.trustProxy);
}

/** A path parameter validated as an id; a bad one is a 400 with a stable code. */
export function idParam(request: Request, name: string): string {
  const parsed = IdParam.safeParse(request.params[name]);
  if (!parsed.success) throw badRequest(`无效的标识 ${name} / Invalid ${name}`, 'invalid_id');
  return parsed.data;
}

/** Validates a body or query with a protocol schema; a failure is a 400 `bad_request` naming the fields. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
    throw badRequest(`请求参数无效：${fields.join(', ')} / Invalid: ${fields.join(', ')}`);
  }
  return parsed.data;
}

/**
 * The caller, the plan of `:planId`, the organisation tree and what the caller may do with the plan: 401
 * signed out, 404 unknown plan, 403 without `read` or without `action` (someone who cannot read the plan
 * learns nothing more from a 403 on a write).
 */
export async function requirePlan(request: Request, context: ApiContext, action: PlanAction = 'read') {
  const auth = await requireAuth(request, context);
  const plan = await context.db.plans.get(idParam(request, 'planId'));
  if (!plan) throw planNotFound();
  const tree = await loadOrgTree(context.db);
  const may = (wanted: PlanAction) =>
    can(auth.actor, wanted, { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents);
  if (!may('read') || !may(action)) throw forbidden();
  return { auth, plan, tree, may };
}
