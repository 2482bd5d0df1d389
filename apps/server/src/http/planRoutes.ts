import { Router } from 'express';
import { ancestorsOf, can, planDocName, PUBLISHED_STATUSES, type Actor } from '@yipan/domain';
import {
  PlanHistoryQuery,
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
import { forbidden, orgNotFound, planNotFound } from './HttpError';

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
 * The organisations a user may see: their own, their ancestors and descendants, plus peers that
 * have published plans (and the ancestors of those, so the tree stays connected).
 */
export function visibleOrgIds(
  actor: NonNullable<Actor>,
  tree: OrgTree,
  plans: readonly PlanRow[],
): Set<string> {
  const visible = new Set<string>();
  for (const { orgId } of actor.memberships) {
    if (!tree.byId.has(orgId)) continue;
    for (const id of [...ancestorsOf(tree.parents, orgId), ...subtreeOf(tree, orgId)]) visible.add(id);
  }
  for (const plan of plans) {
    if (visible.has(plan.orgId) || !PUBLISHED_STATUSES.has(plan.status)) continue;
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
