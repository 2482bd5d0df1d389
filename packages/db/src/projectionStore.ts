import { asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Driver } from './driver';
import type {
  PlanProjection,
  ProjectedItem,
  ProjectedRating,
  ProjectedStep,
  ProjectedTopic,
  ProjectionStore,
} from './types';

/** Rows per INSERT: keeps the statement under SQLite's and PostgreSQL's bound-parameter limits (13 columns at most). */
const INSERT_CHUNK_ROWS = 200;

const FieldsColumn = z.record(z.string(), z.unknown());
const RatingColumn = z.object({
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  unsatisfied: z.number(),
});

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
type Statement = (db: Db) => PromiseLike<unknown>;

/**
 * Runs statements in one transaction. better-sqlite3 transactions must be synchronous (an async callback
 * is refused), so on SQLite each builder is run with its synchronous `.run()` inside drizzle's sync
 * transaction; PostgreSQL awaits them in an ordinary transaction.
 */
async function atomically(driver: Driver, statements: readonly Statement[]): Promise<void> {
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
  const { topics, topicSteps, rectificationItems } = tables;

  const topicRecord = (row: ProjectedTopic) => ({
    ...row,
    archived: row.archived ? 1 : 0,
    fields: JSON.stringify(row.fields),
  });
  const itemRecord = (row: ProjectedItem) => ({
    ...row,
    rating: row.rating === null ? null : JSON.stringify(row.rating),
  });
  type TopicRecord = typeof topics.$inferSelect;
  type ItemRecord = typeof rectificationItems.$inferSelect;
  const toTopic = (record: TopicRecord): ProjectedTopic => ({
    ...record,
    archived: record.archived === 1,
    fields: parseJson(FieldsColumn, record.fields, {}),
  });
  const toItem = (record: ItemRecord): ProjectedItem => ({
    ...record,
    rating: parseJson<ProjectedRating | null>(RatingColumn, record.rating, null),
  });
  const toStep = (record: typeof topicSteps.$inferSelect): ProjectedStep => record;

  return {
    async replacePlan(planId, rows) {
      const statements: Statement[] = [
        (tx) => tx.delete(topics).where(eq(topics.planId, planId)),
        (tx) => tx.delete(topicSteps).where(eq(topicSteps.planId, planId)),
        (tx) => tx.delete(rectificationItems).where(eq(rectificationItems.planId, planId)),
      ];
      // Rows of another plan would be deleted by no later replace: refuse them instead of storing strays.
      const own = <T extends { planId: string }>(list: readonly T[]) =>
        list.filter((row) => row.planId === planId);
      for (const chunk of chunks(own(rows.topics)))
        statements.push((tx) => tx.insert(topics).values(chunk.map(topicRecord)));
      for (const chunk of chunks(own(rows.steps)))
        statements.push((tx) => tx.insert(topicSteps).values(chunk));
      for (const chunk of chunks(own(rows.items)))
        statements.push((tx) => tx.insert(rectificationItems).values(chunk.map(itemRecord)));
      await atomically(driver, statements);
    },

    async plan(planId) {
      const [topicRows, stepRows, itemRows] = await Promise.all([
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
      ]);
      return { topics: topicRows.map(toTopic), steps: stepRows.map(toStep), items: itemRows.map(toItem) };
    },

    async all(): Promise<PlanProjection> {
      const [topicRows, stepRows, itemRows] = await Promise.all([
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
      ]);
      return { topics: topicRows.map(toTopic), steps: stepRows.map(toStep), items: itemRows.map(toItem) };
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

    async isEmpty() {
      const [row] = await db.select({ value: count() }).from(topics);
      return Number(row?.value ?? 0) === 0;
    },

    async clear() {
      await atomically(driver, [
        (tx) => tx.delete(topics),
        (tx) => tx.delete(topicSteps),
        (tx) => tx.delete(rectificationItems),
      ]);
    },
  };
}
