import { Router } from 'express';
import { chinaDateOf } from '@yipan/domain';
import type { PlanRow } from '@yipan/db';
import { DashboardQuery, type DashboardResponse } from '@yipan/protocol';
import { childrenOf, planOfYear } from '../alignment/AlignmentService';
import { dashboardFigures, type DashboardMember } from '../alignment/dashboardFigures';
import { mayReadPlanOf } from '../alignment/mayReadPlanOf';
import { loadOrgTree } from '../auth/orgTree';
import { idParam, parseInput, requireAuth, type ApiContext } from './apiContext';
import { forbidden, orgNotFound } from './HttpError';

/** Length of `YYYY` at the start of an ISO date. */
const ISO_YEAR_LENGTH = 4;

/**
 * `GET /api/orgs/:orgId/dashboard?year=`: an organisation's plan of a year and its direct children's in figures.
 * 401 signed out, 404 unknown organisation, 403 when the caller may not read the organisation's plan of the
 * year. Children count only when the caller may read their plans too; the year defaults to the newest one the
 * caller may read.
 */
export function dashboardRoutes(context: ApiContext): Router {
  const { db, alignment } = context;
  const routes = Router();

  routes.get('/orgs/:orgId/dashboard', async (request, response) => {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const query = parseInput(DashboardQuery, request.query);
    const tree = await loadOrgTree(db);
    const org = tree.byId.get(orgId);
    if (!org) throw orgNotFound();
    const allPlans = await db.plans.list();
    const mayRead = (ownerId: string, plan: PlanRow | null) =>
      mayReadPlanOf(auth.actor, ownerId, plan, tree.parents);

    const readableYears = new Set<number>();
    for (const plan of allPlans)
      if (plan.orgId === orgId && mayRead(orgId, plan)) readableYears.add(plan.year);
    const years = [...readableYears].sort((a, b) => b - a);
    const year = query.year ?? years[0] ?? Number(chinaDateOf(Date.now()).slice(0, ISO_YEAR_LENGTH));
    const plan = planOfYear(allPlans, orgId, year);
    if (!mayRead(orgId, plan)) throw forbidden();

    const children: DashboardMember[] = childrenOf(tree, orgId)
      .map((child) => ({ org: child, plan: planOfYear(allPlans, child.id, year) }))
      .filter((child) => mayRead(child.org.id, child.plan));
    const planIds = [plan, ...children.map((child) => child.plan)].flatMap((row) => (row ? [row.id] : []));
    const [summaries, matrix] = await Promise.all([
      db.projection.topicSummaries(planIds),
      // The matrix reads its columns by the same rule, so its roll-ups count only the children listed here.
      plan ? alignment.matrix(plan, tree, auth.actor) : Promise.resolve(null),
    ]);
    const body: DashboardResponse = dashboardFigures({
      year,
      years,
      top: { org, plan },
      children,
      summaries,
      matrix,
    });
    response.json(body);
  });

  return routes;
}
