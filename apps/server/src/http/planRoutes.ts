import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import {
  ancestorsOf,
  can,
  officialPlanTitle,
  planDocName,
  roleReadsChildren,
  type Actor,
} from '@yipan/domain';
import {
  CreatePlanRequest,
  PlanHistoryQuery,
  type CreatePlanResponse,
  type Org,
  type OrgDetail,
  type OrgDetailResponse,
  type OrgsResponse,
  type PlanHistoryResponse,
  type PlanResponse,
  type PlanSummary,
  type PlansResponse,
} from '@yipan/protocol';
import type { OrgRow, PlanRow } from '@yipan/db';
import { loadOrgTree, subtreeOf, type OrgTree } from '../auth/orgTree';
import { planHistory } from '../history/planHistory';
import { planPermissions, requestedMode } from '../resolveDocAccess';
import { idParam, parseInput, requireAuth, requirePlan, type ApiContext } from './apiContext';
import { forbidden, orgNotFound, planExists, planNotFound } from './HttpError';

/** A new plan starts by collecting proposals (DOMAIN.md lifecycle step 1). */
const NEW_PLAN_STATUS = 'soliciting';
/** Characters of the organisation id kept in a plan id, so `<org>-<year>-<suffix>` stays within an id's 64. */
const PLAN_ID_ORG_PART_MAX = 50;
/** Random characters that make a plan id unique when `<org>-<year>` is taken. */
const RANDOM_SUFFIX_LENGTH = 8;

/** An organisation as the tree lists it. */
export function toOrg(row: OrgRow): Org {
  return { id: row.id, name: row.name, level: row.level, parentId: row.parentId };
}

/** An organisation with its own lists. */
export function toOrgDetail(row: OrgRow): OrgDetail {
  return {
    ...toOrg(row),
    committees: row.committees,
    supervisedBodies: row.supervisedBodies,
    reportingUnits: row.reportingUnits,
    settings: row.settings,
  };
}

/** A plan as lists and answers show it. */
export function toPlanSummary(row: PlanRow): PlanSummary {
  return {
    id: row.id,
    orgId: row.orgId,
    year: row.year,
    title: row.title,
    status: row.status,
    docName: planDocName(row.id),
  };
}

/**
 * The organisations a user may see: their own and their ancestors, their descendants where their role reads
 * children's plans (a deputy's does not), plus the organisations of every other plan they may read
 * (and the ancestors of those, so the tree stays connected).
 */
export function visibleOrgIds(
  actor: NonNullable<Actor>,
  tree: OrgTree,
  plans: readonly PlanRow[],
): Set<string> {
  const visible = new Set<string>();
  for (const { orgId, role } of actor.memberships) {
    if (!tree.byId.has(orgId)) continue;
    const below = roleReadsChildren(role) ? subtreeOf(tree, orgId) : [orgId];
    for (const id of [...ancestorsOf(tree.parents, orgId), ...below]) visible.add(id);
  }
  for (const plan of plans) {
    if (visible.has(plan.orgId) || !canRead(actor, plan, tree)) continue;
    for (const id of [plan.orgId, ...ancestorsOf(tree.parents, plan.orgId)]) visible.add(id);
  }
  return visible;
}

function canRead(actor: Actor, plan: PlanRow, tree: OrgTree): boolean {
  return can(actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents);
}

/** The organisation and plan routes; every answer is filtered or refused by the access policy. */
export function planRoutes(context: ApiContext): Router {
  const { db } = context;
  const routes = Router();

  routes.get('/orgs', async (request, response) => {
    const auth = await requireAuth(request, context);
    const tree = await loadOrgTree(db);
    const visible = visibleOrgIds(auth.actor, tree, await db.plans.list());
    // Parents before children (the tree order of sortOrder), so a client builds the tree in one pass.
    const body: OrgsResponse = { orgs: tree.orgs.filter((org) => visible.has(org.id)).map(toOrg) };
    response.json(body);
  });

  routes.get('/orgs/:orgId', async (request, response) => {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const tree = await loadOrgTree(db);
    const org = tree.byId.get(orgId);
    if (!org) throw orgNotFound();
    if (!visibleOrgIds(auth.actor, tree, await db.plans.list()).has(orgId)) throw forbidden();
    const body: OrgDetailResponse = { org: toOrgDetail(org) };
    response.json(body);
  });

  routes.get('/orgs/:orgId/plans', async (request, response) => {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const tree = await loadOrgTree(db);
    if (!tree.byId.has(orgId)) throw orgNotFound();
    if (!visibleOrgIds(auth.actor, tree, await db.plans.list()).has(orgId)) throw forbidden();
    const rows = await db.plans.listByOrg(orgId);
    const body: PlansResponse = {
      plans: rows.filter((plan) => canRead(auth.actor, plan, tree)).map(toPlanSummary),
    };
    response.json(body);
  });

  // An office opens its plan of a new year, empty and collecting proposals, then fills it (by hand or by import).
  routes.post('/orgs/:orgId/plans', async (request, response) => {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const tree = await loadOrgTree(db);
    const org = tree.byId.get(orgId);
    if (!org) throw orgNotFound();
    if (!can(auth.actor, 'create_plans', { kind: 'org', orgId }, tree.parents)) throw forbidden();
    const { year, title } = parseInput(CreatePlanRequest, request.body);
    const existing = await db.plans.listByOrg(orgId);
    if (existing.some((plan) => plan.year === year)) throw planExists();
    const id = await freePlanId(`${orgId.slice(0, PLAN_ID_ORG_PART_MAX)}-${year}`);
    await db.plans.insert({
      id,
      orgId,
      year,
      title: title ?? officialPlanTitle(org, year),
      status: NEW_PLAN_STATUS,
    });
    const created = await db.plans.get(id);
    if (!created) throw planNotFound();
    const body: CreatePlanResponse = { plan: toPlanSummary(created) };
    response.status(201).json(body);
  });

  /** `<org>-<year>` when free (an organisation id may itself end in a year), else with a random suffix. */
  async function freePlanId(preferred: string): Promise<string> {
    if (!(await db.plans.get(preferred))) return preferred;
    return `${preferred}-${randomUUID().slice(0, RANDOM_SUFFIX_LENGTH)}`;
  }

  routes.get('/plans/:planId', async (request, response) => {
    const { auth, plan, tree } = await requirePlan(request, context);
    const org = tree.byId.get(plan.orgId);
    if (!org) throw planNotFound();
    const body: PlanResponse = {
      plan: {
        ...toPlanSummary(plan),
        org: toOrg(org),
        permissions: planPermissions(auth.actor, plan, tree.parents, requestedMode(request)),
      },
    };
    response.json(body);
  });

  routes.get('/plans/:planId/history', async (request, response) => {
    const { plan } = await requirePlan(request, context);
    const { limit } = parseInput(PlanHistoryQuery, request.query);
    const body: PlanHistoryResponse = { entries: await planHistory(db, plan.id, limit) };
    response.json(body);
  });

  return routes;
}
