import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Driver } from './driver';
import type {
  PlanProjection,
  ProjectedDecline,
  ProjectedExpectation,
  ProjectedItem,
  ProjectedLink,
  ProjectedRating,
  ProjectedStep,
  ProjectedTopic,
  ProjectionStore,
  TopicSummary,
} from './types';

/** Rows per INSERT: keeps the statement under SQLite's and PostgreSQL's bound-parameter limits (13 columns at most). */
const INSERT_CHUNK_ROWS = 200;

/** Nullable here, once: building a zod schema per row cost more than parsing it. */
const ExternalColumn = z.object({ title: z.string(), year: z.number(), source: z.string() }).nullable();
const RatingColumn = z.object({
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  unsatisfied: z.number(),
});

/**
 * A JSON object column (`fields`, `seen`): any plain object, else the fallback. Checked by hand, not with
 * `z.record`, which copies every object it accepts: matrices read thousands of these per request.
 */
function parseRecord<T extends Record<string, unknown> | null>(
  text: string | null,
  fallback: T,
): Record<string, unknown> | T {
  if (text === null) return fallback;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : fallback;
  } catch {
    return fallback;
  }
}

function parseJson<T>(schema: z.ZodType<T>, text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS)
    result.push(rows.slice(start, start + INSERT_CHUNK_ROWS));
  return result;
}

/** A statement built against the shim's builder; executed by `atomically` in the dialect's own way. */
export type Statement = (db: Db) => PromiseLike<unknown>;

/**
 * Runs statements in one transaction. better-sqlite3 transactions must be synchronous (an async callback
 * is refused), so on SQLite each builder is run with its synchronous `.run()` inside drizzle's sync
 * transaction; PostgreSQL awaits them in an ordinary transaction.
 */
export async function atomically(driver: Driver, statements: readonly Statement[]): Promise<void> {
  if (driver.dialect === 'postgres') {
    await driver.db.transaction(async (tx) => {
      for (const statement of statements) await statement(tx);
    });
    return;
  }
  // At run time the SQLite driver's db and builders are better-sqlite3 ones (see Driver's shim).
  type SyncBuilder = { run(): unknown };
  type SyncDb = { transaction(run: (tx: unknown) => void): void };
  (driver.db as unknown as SyncDb).transaction((tx) => {
    for (const statement of statements) (statement(tx as Db) as unknown as SyncBuilder).run();
  });
}

/** The projection store, written once against the Driver shim like `createStores`. */
export function createProjectionStore(driver: Driver): ProjectionStore {
  const { db, tables } = driver;
  const { topics, topicSteps, rectificationItems, topicLinks, topicExpectations, planDeclines } = tables;
  /** The tables holding a plan's rows, each keyed by `plan_id`. */
  const planTables = [
    topics,
    topicSteps,
    rectificationItems,
    topicLinks,
    topicExpectations,
    planDeclines,
  ] as const;

  const topicRecord = (row: ProjectedTopic) => ({
    ...row,
    archived: row.archived ? 1 : 0,
    joint: row.joint ? 1 : 0,
    fields: JSON.stringify(row.fields),
  });
  const linkRecord = ({ primary, ...row }: ProjectedLink) => ({
    ...row,
    contributes: row.contributes ? 1 : 0,
    isPrimary: primary ? 1 : 0,
    external: row.external === null ? null : JSON.stringify(row.external),
    seen: row.seen === null ? null : JSON.stringify(row.seen),
  });
  // Fields copied one by one, not spread: spreading drizzle's rows cost twice the whole query on big matrices.
  const toLink = (record: typeof topicLinks.$inferSelect): ProjectedLink => ({
    planId: record.planId,
    topicId: record.topicId,
    orgId: record.orgId,
    position: record.position,
    parentPlanId: record.parentPlanId,
    parentTopicId: record.parentTopicId,
    mode: record.mode,
    contributes: record.contributes === 1,
    primary: record.isPrimary === 1,
    external: parseJson(ExternalColumn, record.external, null),
    seen: parseRecord(record.seen, null),
  });
  const toExpectation = (record: typeof topicExpectations.$inferSelect): ProjectedExpectation => record;
  const toDecline = (record: typeof planDeclines.$inferSelect): ProjectedDecline => record;
  const itemRecord = (row: ProjectedItem) => ({
    ...row,
    rating: row.rating === null ? null : JSON.stringify(row.rating),
  });
  type TopicRecord = typeof topics.$inferSelect;
  type ItemRecord = typeof rectificationItems.$inferSelect;
  const toTopic = (record: TopicRecord): ProjectedTopic => ({
    ...record,
    archived: record.archived === 1,
    joint: record.joint === 1,
    fields: parseRecord(record.fields, {}),
  });
  const toItem = (record: ItemRecord): ProjectedItem => ({
    ...record,
    rating: parseJson<ProjectedRating | null>(RatingColumn, record.rating, null),
  });
  const toStep = (record: typeof topicSteps.$inferSelect): ProjectedStep => record;

  const store: ProjectionStore = {
    async replacePlan(planId, rows) {
      const statements: Statement[] = planTables.map(
        (table) => (tx: Db) => tx.delete(table).where(eq(table.planId, planId)),
      );
      // Rows of another plan would be deleted by no later replace: refuse them instead of storing strays.
      const own = <T extends { planId: string }>(list: readonly T[]) =>
        list.filter((row) => row.planId === planId);
      for (const chunk of chunks(own(rows.topics)))
        statements.push((tx) => tx.insert(topics).values(chunk.map(topicRecord)));
      for (const chunk of chunks(own(rows.steps)))
        statements.push((tx) => tx.insert(topicSteps).values(chunk));
      for (const chunk of chunks(own(rows.items)))
        statements.push((tx) => tx.insert(rectificationItems).values(chunk.map(itemRecord)));
      for (const chunk of chunks(own(rows.links)))
        statements.push((tx) => tx.insert(topicLinks).values(chunk.map(linkRecord)));
      for (const chunk of chunks(own(rows.expectations)))
        statements.push((tx) => tx.insert(topicExpectations).values(chunk));
      for (const chunk of chunks(own(rows.declines)))
        statements.push((tx) => tx.insert(planDeclines).values(chunk));
      await atomically(driver, statements);
    },

    async plan(planId) {
      const [topicRows, stepRows, itemRows, links, expectations, declines] = await Promise.all([
        db.select().from(topics).where(eq(topics.planId, planId)).orderBy(asc(topics.position)),
        db
          .select()
          .from(topicSteps)
          .where(eq(topicSteps.planId, planId))
          .orderBy(asc(topicSteps.topicId), asc(topicSteps.position)),
        db
          .select()
          .from(rectificationItems)
          .where(eq(rectificationItems.planId, planId))
          .orderBy(asc(rectificationItems.topicId), asc(rectificationItems.position)),
        store.linksOfPlans([planId]),
        store.expectationsOfPlans([planId]),
        store.declinesOfPlans([planId]),
      ]);
      return {
        topics: topicRows.map(toTopic),
        steps: stepRows.map(toStep),
        items: itemRows.map(toItem),
        links,
        expectations,
        declines,
      };
    },

    async all(): Promise<PlanProjection> {
      const [topicRows, stepRows, itemRows, linkRows, expectationRows, declineRows] = await Promise.all([
        db.select().from(topics).orderBy(asc(topics.planId), asc(topics.position)),
        db
          .select()
          .from(topicSteps)
          .orderBy(asc(topicSteps.planId), asc(topicSteps.topicId), asc(topicSteps.position)),
        db
          .select()
          .from(rectificationItems)
          .orderBy(
            asc(rectificationItems.planId),
            asc(rectificationItems.topicId),
            asc(rectificationItems.position),
          ),
        db
          .select()
          .from(topicLinks)
          .orderBy(asc(topicLinks.planId), asc(topicLinks.topicId), asc(topicLinks.position)),
        db
          .select()
          .from(topicExpectations)
          .orderBy(
            asc(topicExpectations.planId),
            asc(topicExpectations.topicId),
            asc(topicExpectations.childOrgId),
          ),
        db
          .select()
          .from(planDeclines)
          .orderBy(asc(planDeclines.planId), asc(planDeclines.parentPlanId), asc(planDeclines.parentTopicId)),
      ]);
      return {
        topics: topicRows.map(toTopic),
        steps: stepRows.map(toStep),
        items: itemRows.map(toItem),
        links: linkRows.map(toLink),
        expectations: expectationRows.map(toExpectation),
        declines: declineRows.map(toDecline),
      };
    },

    async itemsOfPlans(planIds) {
      if (planIds.length === 0) return [];
      const rows = await db
        .select()
        .from(rectificationItems)
        .where(inArray(rectificationItems.planId, [...planIds]))
        .orderBy(
          asc(rectificationItems.planId),
          asc(rectificationItems.topicId),
          asc(rectificationItems.position),
        );
      return rows.map(toItem);
    },

    async topicSummaries(planIds) {
      if (planIds.length === 0) return [];
      const ids = [...planIds];
      // Counted in SQL so a matrix of thousands of topics reads a few thousand rows, not every step.
      const [topicRows, stepCounts, itemCounts] = await Promise.all([
        // Not `fields` (the whole topic as JSON, notes included): parsing it for thousands of topics cost most
        // of a 20-county matrix's time.
        db
          .select({
            planId: topics.planId,
            topicId: topics.topicId,
            orgId: topics.orgId,
            position: topics.position,
            title: topics.title,
            method: topics.method,
            supervisedBody: topics.supervisedBody,
            leadCommittee: topics.leadCommittee,
            reportingUnit: topics.reportingUnit,
            month: topics.month,
            session: topics.session,
            sessionDate: topics.sessionDate,
            archived: topics.archived,
            joint: topics.joint,
          })
          .from(topics)
          .where(inArray(topics.planId, ids))
          .orderBy(asc(topics.planId), asc(topics.position)),
        db
          .select({
            planId: topicSteps.planId,
            topicId: topicSteps.topicId,
            total: count(),
            finished: sql<number>`sum(case when ${topicSteps.state} in ('done', 'skipped') then 1 else 0 end)`,
            started: sql<number>`sum(case when ${topicSteps.state} <> 'not_started' then 1 else 0 end)`,
          })
          .from(topicSteps)
          .where(inArray(topicSteps.planId, ids))
          .groupBy(topicSteps.planId, topicSteps.topicId),
        db
          .select({
            planId: rectificationItems.planId,
            topicId: rectificationItems.topicId,
            total: count(),
            closed: sql<number>`sum(case when ${rectificationItems.state} = 'closed' then 1 else 0 end)`,
            rated: sql<number>`sum(case when ${rectificationItems.rating} is not null then 1 else 0 end)`,
          })
          .from(rectificationItems)
          .where(inArray(rectificationItems.planId, ids))
          .groupBy(rectificationItems.planId, rectificationItems.topicId),
      ]);
      const key = (row: { planId: string; topicId: string }) => `${row.planId}/${row.topicId}`;
      const steps = new Map(stepCounts.map((row) => [key(row), row]));
      const items = new Map(itemCounts.map((row) => [key(row), row]));
      // Fields copied one by one, not spread: spreading drizzle's rows here took as long as the three queries.
      return topicRows.map((record): TopicSummary => {
        const stepRow = steps.get(key(record));
        const itemRow = items.get(key(record));
        return {
          planId: record.planId,
          topicId: record.topicId,
          orgId: record.orgId,
          position: record.position,
          title: record.title,
          method: record.method,
          supervisedBody: record.supervisedBody,
          leadCommittee: record.leadCommittee,
          reportingUnit: record.reportingUnit,
          month: record.month,
          session: record.session,
          archived: record.archived === 1,
          joint: record.joint === 1,
          sessionDate: record.sessionDate,
          // PostgreSQL sums and counts arrive as strings (bigint/numeric): Number() reads both dialects.
          stepsTotal: Number(stepRow?.total ?? 0),
          stepsFinished: Number(stepRow?.finished ?? 0),
          stepsStarted: Number(stepRow?.started ?? 0),
          itemsTotal: Number(itemRow?.total ?? 0),
          itemsClosed: Number(itemRow?.closed ?? 0),
          itemsRated: Number(itemRow?.rated ?? 0),
        };
      });
    },

    async linksOfPlans(planIds) {
      if (planIds.length === 0) return [];
      const rows = await db
        .select()
        .from(topicLinks)
        .where(inArray(topicLinks.planId, [...planIds]))
        .orderBy(asc(topicLinks.planId), asc(topicLinks.topicId), asc(topicLinks.position));
      return rows.map(toLink);
    },

    async linksToPlans(parentPlanIds) {
      if (parentPlanIds.length === 0) return [];
      const rows = await db
        .select()
        .from(topicLinks)
        .where(and(isNotNull(topicLinks.parentPlanId), inArray(topicLinks.parentPlanId, [...parentPlanIds])))
        .orderBy(asc(topicLinks.planId), asc(topicLinks.topicId), asc(topicLinks.position));
      return rows.map(toLink);
    },

    async expectationsOfPlans(planIds) {
      if (planIds.length === 0) return [];
      const rows = await db
        .select()
        .from(topicExpectations)
        .where(inArray(topicExpectations.planId, [...planIds]))
        .orderBy(
          asc(topicExpectations.planId),
          asc(topicExpectations.topicId),
          asc(topicExpectations.childOrgId),
        );
      return rows.map(toExpectation);
    },

    async declinesOfPlans(planIds) {
      if (planIds.length === 0) return [];
      const rows = await db
        .select()
        .from(planDeclines)
        .where(inArray(planDeclines.planId, [...planIds]))
        .orderBy(asc(planDeclines.planId), asc(planDeclines.declinedAt));
      return rows.map(toDecline);
    },

    async isEmpty() {
      const [row] = await db.select({ value: count() }).from(topics);
      return Number(row?.value ?? 0) === 0;
    },

    async clear() {
      await atomically(
        driver,
        planTables.map((table) => (tx: Db) => tx.delete(table)),
      );
    },
  };
  return store;
}
