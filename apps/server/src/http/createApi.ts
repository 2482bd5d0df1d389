import { Router, type Request } from 'express';
import { planDocName } from '@yipan/domain';
import {
  IdParam,
  type HealthResponse,
  type Org,
  type OrgsResponse,
  type PlanResponse,
  type PlanSummary,
  type PlansResponse,
} from '@yipan/protocol';
import type { Database, OrgRow, PlanRow } from '@yipan/db';
import { permissionsOf, resolvePlanAccess, type AccessOptions } from '../resolveDocAccess';
import {
  badRequest,
  forbidden,
  orgNotFound,
  planNotFound,
  routeNotFound,
  unauthenticated,
} from './HttpError';

function toOrg(row: OrgRow): Org {
  return { id: row.id, name: row.name, level: row.level, parentId: row.parentId };
}

function toPlanSummary(row: PlanRow): PlanSummary {
  return {
    id: row.id,
    orgId: row.orgId,
    year: row.year,
    title: row.title,
    status: row.status,
    docName: planDocName(row.id),
  };
}

/** A path parameter validated as an id; a bad one is a 400 with a stable code. */
function idParam(request: Request, name: string): string {
  const parsed = IdParam.safeParse(request.params[name]);
  if (!parsed.success) throw badRequest(`无效的标识 ${name} / Invalid ${name}`, 'invalid_id');
  return parsed.data;
}

/** The `/api` router: health, organisations, plans. Responses follow the zod schemas of @yipan/protocol. */
export function createApi(options: { db: Database; access?: AccessOptions }): Router {
  const { db } = options;
  const api = Router();

  api.get('/health', (_request, response) => {
    const body: HealthResponse = { status: 'ok', db: db.dialect };
    response.json(body);
  });

  api.get('/orgs', async (_request, response) => {
    const rows = await db.orgs.list();
    const sorted = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
    const body: OrgsResponse = { orgs: sorted.map(toOrg) };
    response.json(body);
  });

  api.get('/orgs/:orgId/plans', async (request, response) => {
    const orgId = idParam(request, 'orgId');
    if (!(await db.orgs.get(orgId))) throw orgNotFound();
    const rows = await db.plans.listByOrg(orgId);
    const body: PlansResponse = { plans: rows.map(toPlanSummary) };
    response.json(body);
  });

  api.get('/plans/:planId', async (request, response) => {
    const planId = idParam(request, 'planId');
    const plan = await db.plans.get(planId);
    if (!plan) throw planNotFound();
    const access = await resolvePlanAccess(request, planId, options.access);
    if (access === 'unauthenticated') throw unauthenticated();
    if (access === 'none') throw forbidden();
    const org = await db.orgs.get(plan.orgId);
    if (!org) throw planNotFound();
    const body: PlanResponse = {
      plan: { ...toPlanSummary(plan), org: toOrg(org), permissions: permissionsOf(access) },
    };
    response.json(body);
  });

  api.use(() => {
    throw routeNotFound();
  });
  return api;
}
