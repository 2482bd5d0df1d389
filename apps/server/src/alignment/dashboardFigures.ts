import { METHODS, Method, SUPERVISED_BODIES, SupervisedBody, type AlignmentMatrix } from '@yipan/domain';
import type { OrgRow, PlanRow, TopicSummary } from '@yipan/db';
import type { DashboardOrg, DashboardResponse } from '@yipan/protocol';

/** The months a plan schedules topics in; 0 stands for a topic without a month (未定). */
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0] as const;

/** An organisation on the dashboard and its plan of the year, if it has one. */
export type DashboardMember = { org: Pick<OrgRow, 'id' | 'name'>; plan: PlanRow | null };

export type DashboardInput = {
  year: number;
  years: readonly number[];
  /** The organisation the dashboard is about. */
  top: DashboardMember;
  /** Its direct children whose plans the caller may read, in the tree's order. */
  children: readonly DashboardMember[];
  /** Topic summaries of the top plan and the children's plans (archived ones are skipped here). */
  summaries: readonly TopicSummary[];
  /** The top plan's alignment matrix; null when the organisation has no plan of the year. */
  matrix: AlignmentMatrix | null;
};

/** Counts per key in the order of `keys`, dropping the zeros unless `keepZeros`. */
function tally<K>(keys: readonly K[], values: readonly K[], keepZeros: boolean) {
  const counts = new Map<K, number>(keys.map((key) => [key, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return keys
    .map((key) => ({ key, count: counts.get(key) ?? 0 }))
    .filter((entry) => keepZeros || entry.count > 0);
}

/**
 * The dashboard's figures, pure: topics by method, supervised body and month over the organisation's plan and
 * its readable children's plans; topics and follow-up completion per organisation; each child's coverage and
 * each joint topic's roll-up read off the one matrix.
 */
export function dashboardFigures(input: DashboardInput): DashboardResponse {
  const live = input.summaries.filter((topic) => !topic.archived);
  const byPlan = new Map<string, TopicSummary[]>();
  for (const topic of live) byPlan.set(topic.planId, [...(byPlan.get(topic.planId) ?? []), topic]);
  const columns = new Map((input.matrix?.columns ?? []).map((column) => [column.orgId, column]));

  const orgFigures = (member: DashboardMember, isTop: boolean): DashboardOrg => {
    const topics = member.plan ? (byPlan.get(member.plan.id) ?? []) : [];
    return {
      orgId: member.org.id,
      name: member.org.name,
      planId: member.plan?.id ?? null,
      topics: topics.length,
      itemsTotal: topics.reduce((sum, topic) => sum + topic.itemsTotal, 0),
      itemsClosed: topics.reduce((sum, topic) => sum + topic.itemsClosed, 0),
      coverage: isTop ? null : (columns.get(member.org.id)?.coverage ?? null),
    };
  };

  // A value outside the glossary cannot come from a validated document; it is left out rather than guessed.
  const methods = live.flatMap((topic) => {
    const parsed = Method.safeParse(topic.method);
    return parsed.success ? [parsed.data] : [];
  });
  const bodies = live.flatMap((topic) => {
    const parsed = SupervisedBody.safeParse(topic.supervisedBody);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    year: input.year,
    years: [...input.years],
    planId: input.top.plan?.id ?? null,
    byMethod: tally(METHODS, methods, false),
    bySupervisedBody: tally(SUPERVISED_BODIES, bodies, false),
    byMonth: tally(
      MONTHS,
      live.map((topic) => topic.month ?? 0),
      true,
    ),
    orgs: [orgFigures(input.top, true), ...input.children.map((child) => orgFigures(child, false))],
    jointTopics: (input.matrix?.rows ?? [])
      .filter((row) => row.joint)
      .map((row) => ({ topicId: row.topicId, title: row.title, coverage: row.coverage, rollup: row.rollup })),
  };
}
