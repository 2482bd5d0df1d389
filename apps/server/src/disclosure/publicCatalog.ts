import {
  PUBLISHED_STATUSES,
  isIssuedItem,
  publicTopic,
  readDisclosureSettings,
  type DisclosureSettings,
  type PublicTopic,
} from '@yipan/domain';
import type { Database, OrgRow, PlanRow } from '@yipan/db';
import type { PublicPlanSummary } from '@yipan/protocol';

/*
 * What the public may see, read from the relational projection (no plan document is loaded): published
 * plans only, each topic through the allow-list projection `publicTopic`. The JSON API, the HTML pages
 * and the feed all read through here, so they cannot disagree about what is public.
 */

/** A step counts as finished when done or skipped, as in the projection's summaries. */
const FINISHED_STEP_STATES: ReadonlySet<string> = new Set(['done', 'skipped']);

/** Whether the public may see a plan: published or any status after it. */
export function isPublicPlan(plan: Pick<PlanRow, 'status'>): boolean {
  return PUBLISHED_STATUSES.has(plan.status);
}

/** Organisations depth-first in tree order (siblings by sort order, as the sidebar shows them). */
export function treeOrder(orgs: readonly OrgRow[]): OrgRow[] {
  const ids = new Set(orgs.map((org) => org.id));
  const children = new Map<string | null, OrgRow[]>();
  for (const org of orgs) {
    const parent = org.parentId !== null && ids.has(org.parentId) ? org.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), org]);
  }
  const ordered: OrgRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    const list = [...(children.get(parent) ?? [])].sort(
      (a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id),
    );
    for (const org of list) {
      if (seen.has(org.id)) continue;
      seen.add(org.id);
      ordered.push(org);
      visit(org.id);
    }
  };
  visit(null);
  return ordered;
}

function summaryOf(
  plan: PlanRow,
  org: OrgRow,
  publishedAt: Date | undefined,
  topicCount: number,
): PublicPlanSummary {
  return {
    id: plan.id,
    orgId: org.id,
    orgName: org.name,
    orgLevel: org.level,
    year: plan.year,
    title: plan.title,
    status: plan.status,
    publishedAt: publishedAt?.toISOString() ?? null,
    topicCount,
  };
}

/** The public index: organisations in tree order and the published plans of each, newest year first. */
export type PublicIndex = { orgs: OrgRow[]; plans: PublicPlanSummary[] };

/** Every published plan of every organisation (four small queries, whatever the number of plans). */
export async function loadPublicIndex(db: Database): Promise<PublicIndex> {
  const [orgRows, planRows] = await Promise.all([db.orgs.list(), db.plans.list()]);
  const orgs = treeOrder(orgRows);
  const byId = new Map(orgs.map((org) => [org.id, org]));
  const published = planRows.filter((plan) => isPublicPlan(plan) && byId.has(plan.orgId));
  const ids = published.map((plan) => plan.id);
  const [dates, counts] = await Promise.all([
    db.disclosures.publishedAt(ids),
    db.disclosures.topicCounts(ids),
  ]);
  const rank = new Map(orgs.map((org, index) => [org.id, index]));
  const plans = published
    .sort(
      (a, b) =>
        (rank.get(a.orgId) ?? 0) - (rank.get(b.orgId) ?? 0) || b.year - a.year || a.id.localeCompare(b.id),
    )
    .flatMap((plan) => {
      const org = byId.get(plan.orgId);
      return org ? [summaryOf(plan, org, dates.get(plan.id), counts.get(plan.id) ?? 0)] : [];
    });
  return { orgs, plans };
}

/** One published plan as the public sees it. */
export type PublicPlan = {
  summary: PublicPlanSummary;
  settings: DisclosureSettings;
  topics: PublicTopic[];
  /** Issued opinion items and closed ones over the whole plan (shown only when opinions are public). */
  items: { issued: number; closed: number };
};

/** A published plan with its public topics, or null when it is unknown or not public (the same answer for both). */
export async function loadPublicPlan(db: Database, planId: string): Promise<PublicPlan | null> {
  const plan = await db.plans.get(planId);
  if (!plan || !isPublicPlan(plan)) return null;
  const [org, stored, dates, projection] = await Promise.all([
    db.orgs.get(plan.orgId),
    db.disclosures.get(plan.orgId),
    db.disclosures.publishedAt([plan.id]),
    db.projection.plan(plan.id),
  ]);
  if (!org) return null;
  const settings = stored?.settings ?? readDisclosureSettings(null);
  const steps = new Map<string, { total: number; finished: number }>();
  for (const step of projection.steps) {
    const count = steps.get(step.topicId) ?? { total: 0, finished: 0 };
    count.total += 1;
    if (FINISHED_STEP_STATES.has(step.state)) count.finished += 1;
    steps.set(step.topicId, count);
  }
  const topics = projection.topics.flatMap((topic) => {
    const counts = steps.get(topic.topicId);
    const projected = publicTopic(
      {
        topicId: topic.topicId,
        title: topic.title,
        archived: topic.archived,
        fields: topic.fields,
        stepsTotal: counts?.total ?? 0,
        stepsFinished: counts?.finished ?? 0,
        items: projection.items.filter((item) => item.topicId === topic.topicId),
      },
      settings,
    );
    return projected ? [projected] : [];
  });
  const visible = new Set(topics.map((topic) => topic.id));
  const issued = projection.items.filter((item) => visible.has(item.topicId) && isIssuedItem(item.state));
  return {
    summary: summaryOf(plan, org, dates.get(plan.id), topics.length),
    settings,
    topics,
    items: { issued: issued.length, closed: issued.filter((item) => item.state === 'closed').length },
  };
}

/** A closed rectification item (销号) of a published plan, for the feed. */
export type PublicClosedItem = {
  plan: PublicPlanSummary;
  topicId: string;
  topicTitle: string;
  itemId: string;
  content: string;
  responsibleBody: string;
  closedAt: Date;
};

/** What the feed shows: published plans and the closed items of the organisations that publish opinions' handling. */
export type PublicFeed = { plans: PublicPlanSummary[]; closedItems: PublicClosedItem[] };

/** The feed's entries, newest first is the caller's ordering. */
export async function loadPublicFeed(db: Database): Promise<PublicFeed> {
  const index = await loadPublicIndex(db);
  const ids = index.plans.map((plan) => plan.id);
  const [stored, summaries, items] = await Promise.all([
    db.disclosures.list(),
    db.projection.topicSummaries(ids),
    db.projection.itemsOfPlans(ids),
  ]);
  const settingsOf = new Map(stored.map((row) => [row.orgId, row.settings]));
  const plans = new Map(index.plans.map((plan) => [plan.id, plan]));
  const topics = new Map(
    summaries.filter((topic) => !topic.archived).map((topic) => [`${topic.planId}/${topic.topicId}`, topic]),
  );
  const closedItems = items.flatMap((item): PublicClosedItem[] => {
    const plan = plans.get(item.planId);
    const topic = topics.get(`${item.planId}/${item.topicId}`);
    if (!plan || !topic || item.state !== 'closed' || item.closedAt === null) return [];
    const settings = settingsOf.get(plan.orgId) ?? readDisclosureSettings(null);
    if (!settings.opinionHandled) return [];
    return [
      {
        plan,
        topicId: topic.topicId,
        topicTitle: topic.title,
        itemId: item.itemId,
        content: item.content,
        responsibleBody: item.responsibleBody,
        closedAt: item.closedAt,
      },
    ];
  });
  return { plans: index.plans, closedItems };
}
