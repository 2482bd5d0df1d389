import { Router } from 'express';
import { can, chinaDateOf, type IsoDate } from '@yipan/domain';
import type { FollowUpItem, FollowUpResponse } from '@yipan/protocol';
import type { ProjectedItem } from '@yipan/db';
import type { Authenticated } from '../auth/AuthService';
import { loadOrgTree } from '../auth/orgTree';
import { idParam, requireAuth, type ApiContext } from './apiContext';
import { forbidden, orgNotFound } from './HttpError';
import { visibleOrgIds } from './planRoutes';

/** Length of `YYYY-MM`, the month part of an ISO date. */
const ISO_MONTH_LENGTH = 7;
/** Item states waiting for the satisfaction vote (测评). */
const AWAITING_RATING: ReadonlySet<string> = new Set(['reported', 'deliberated']);

type Bucket = Exclude<keyof FollowUpResponse, 'today'>;

/** The first bucket of the contract an item fits (overdue, due this month, awaiting rating, closed), or none. */
export function followUpBucket(
  item: Pick<ProjectedItem, 'state' | 'deadline'>,
  today: IsoDate,
): Bucket | null {
  const open = item.state !== 'closed';
  if (open && item.deadline !== null && item.deadline < today) return 'overdue';
  if (
    open &&
    item.deadline !== null &&
    item.deadline.slice(0, ISO_MONTH_LENGTH) === today.slice(0, ISO_MONTH_LENGTH)
  )
    return 'dueThisMonth';
  if (AWAITING_RATING.has(item.state)) return 'awaitingRating';
  if (item.state === 'closed') return 'closed';
  return null;
}

/** Earliest deadline first (none last), then plan, topic and place in the opinion. */
function compareItems(
  a: FollowUpItem & { position: number },
  b: FollowUpItem & { position: number },
): number {
  const da = a.deadline ?? '9999-12-31';
  const db = b.deadline ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  return a.planId.localeCompare(b.planId) || a.topicId.localeCompare(b.topicId) || a.position - b.position;
}

/**
 * The follow-up list of an organisation for a caller: the rectification items of its plans from the projection,
 * bucketed for the office that chases them. Authorized like the organisation's plan list: the organisation
 * must be visible to the caller, and only plans the caller may read contribute items. Shared by the JSON
 * endpoint and its Excel export.
 */
export async function followUpList(
  context: ApiContext,
  actor: Authenticated['actor'],
  orgId: string,
): Promise<FollowUpResponse> {
  const { db } = context;
  const tree = await loadOrgTree(db);
  if (!tree.byId.has(orgId)) throw orgNotFound();
  if (!visibleOrgIds(actor, tree, await db.plans.list()).has(orgId)) throw forbidden();
  const plans = (await db.plans.listByOrg(orgId)).filter((plan) =>
    can(actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents),
  );
  const today = chinaDateOf(Date.now());
  const body: FollowUpResponse = { today, overdue: [], dueThisMonth: [], awaitingRating: [], closed: [] };
  const sorted: Record<Bucket, (FollowUpItem & { position: number })[]> = {
    overdue: [],
    dueThisMonth: [],
    awaitingRating: [],
    closed: [],
  };
  for (const plan of plans) {
    const rows = await db.projection.plan(plan.id);
    // Archived topics are off the plan, and so are their items.
    const titles = new Map(
      rows.topics.filter((topic) => !topic.archived).map((topic) => [topic.topicId, topic.title]),
    );
    for (const item of rows.items) {
      const topicTitle = titles.get(item.topicId);
      // The projection's org column is the plan's org; checking it too keeps a stray row from leaking.
      if (topicTitle === undefined || item.orgId !== orgId) continue;
      const bucket = followUpBucket(item, today);
      if (!bucket) continue;
      sorted[bucket].push({
        planId: plan.id,
        planTitle: plan.title,
        topicId: item.topicId,
        topicTitle,
        itemId: item.itemId,
        content: item.content,
        responsibleBody: item.responsibleBody,
        deadline: item.deadline,
        state: item.state,
        rating: item.rating,
        position: item.position,
      });
    }
  }
  for (const bucket of Object.keys(sorted) as Bucket[])
    body[bucket] = sorted[bucket].sort(compareItems).map(({ position: _position, ...item }) => item);
  return body;
}

/** `GET /api/orgs/:orgId/follow-up`: the organisation's follow-up list (see `followUpList`). */
export function followUpRoutes(context: ApiContext): Router {
  const routes = Router();

  routes.get('/orgs/:orgId/follow-up', async (request, response) => {
    const auth = await requireAuth(request, context);
    response.json(await followUpList(context, auth.actor, idParam(request, 'orgId')));
  });

  return routes;
}
