import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Driver } from './driver';
import type { NotificationRow, NotificationStore, PlanReadStore } from './types';

const DetailColumn = z.record(z.string(), z.unknown());

function parseDetail(text: string): Record<string, unknown> {
  try {
    const parsed = DetailColumn.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Users' notifications, written once for both dialects like createStores. */
export function createNotificationStore({ db, tables }: Driver): NotificationStore {
  const { notifications } = tables;
  const toRow = (record: typeof notifications.$inferSelect): NotificationRow => ({
    ...record,
    detail: parseDetail(record.detail),
  });
  return {
    async add(rows) {
      const stored: NotificationRow[] = [];
      // One insert each: a duplicate dedupe key skips that row only, in either dialect.
      for (const row of rows) {
        const inserted = await db
          .insert(notifications)
          .values({ ...row, detail: JSON.stringify(row.detail) })
          .onConflictDoNothing()
          .returning();
        if (inserted[0]) stored.push(toRow(inserted[0]));
      }
      return stored;
    },
    async list(userId, { limit, beforeId }) {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          beforeId === undefined
            ? eq(notifications.userId, userId)
            : and(eq(notifications.userId, userId), lt(notifications.id, beforeId)),
        )
        .orderBy(desc(notifications.id))
        .limit(limit);
      return rows.map(toRow);
    },
    async unreadCount(userId) {
      const [row] = await db
        .select({ value: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return Number(row?.value ?? 0);
    },
    async markRead(userId, ids, at) {
      if (ids !== 'all' && ids.length === 0) return 0;
      const unread = and(eq(notifications.userId, userId), isNull(notifications.readAt));
      const changed = await db
        .update(notifications)
        .set({ readAt: at })
        .where(ids === 'all' ? unread : and(unread, inArray(notifications.id, [...ids])))
        .returning({ id: notifications.id });
      return changed.length;
    },
  };
}

/** Read receipts (已阅) of published plans, one per plan and organisation. */
export function createPlanReadStore({ db, tables }: Driver): PlanReadStore {
  const { planReads } = tables;
  return {
    async record(row) {
      const inserted = await db.insert(planReads).values(row).onConflictDoNothing().returning();
      return inserted.length > 0;
    },
    async ofPlan(planId) {
      return db.select().from(planReads).where(eq(planReads.planId, planId));
    },
  };
}
