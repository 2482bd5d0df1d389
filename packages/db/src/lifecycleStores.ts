import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { ApprovingBody } from '@yipan/domain';
import type { Driver } from './driver';
import type { DocVersionKind, LifecycleStore, PlanAdjustmentRow } from './types';

/** The JSON of an adjustment's changes: a list, validated item by item by its reader. */
const ChangesColumn = z.array(z.unknown());
const AdjustmentState = z.enum(['open', 'closed']);
const VersionKind = z.enum(['approved', 'manual', 'adjustment_base']);

type AdjustmentRecord = Driver['tables']['planAdjustments']['$inferSelect'];

function parseChanges(text: string): unknown[] {
  try {
    const parsed = ChangesColumn.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function toAdjustmentRow(record: AdjustmentRecord): PlanAdjustmentRow {
  return {
    id: record.id,
    planId: record.planId,
    reason: record.reason,
    // Written only from validated input; an unreadable value reads as the law's default body.
    decidedBy: ApprovingBody.catch('council_of_chairs').parse(record.decidedBy),
    meeting: record.meeting,
    decidedOn: record.decidedOn,
    state: AdjustmentState.catch('closed').parse(record.state),
    openedBy: record.openedBy,
    openedAt: record.openedAt,
    closedAt: record.closedAt,
    changes: parseChanges(record.summary),
  };
}

function toKind(kind: string): DocVersionKind {
  return VersionKind.catch('manual').parse(kind);
}

/** The lifecycle records (transitions, versions, adjustments), written once for both dialects like createStores. */
export function createLifecycleStore({ db, tables }: Driver): LifecycleStore {
  const { plans, planTransitions, docVersions, planAdjustments } = tables;
  return {
    async transition(entry) {
      const moved = await db
        .update(plans)
        .set({ status: entry.toStatus, updatedAt: entry.at })
        .where(and(eq(plans.id, entry.planId), eq(plans.status, entry.fromStatus)))
        .returning({ id: plans.id });
      if (moved.length === 0) return null;
      const [row] = await db.insert(planTransitions).values(entry).returning();
      return row ?? null;
    },
    transitions: (planId) =>
      db
        .select()
        .from(planTransitions)
        .where(eq(planTransitions.planId, planId))
        .orderBy(asc(planTransitions.id)),
    async insertVersion(version) {
      await db.insert(docVersions).values({ ...version, state: Buffer.from(version.state) });
    },
    async versions(planId, kinds) {
      if (kinds.length === 0) return [];
      const rows = await db
        .select({
          id: docVersions.id,
          planId: docVersions.planId,
          name: docVersions.name,
          kind: docVersions.kind,
          createdAt: docVersions.createdAt,
          createdBy: docVersions.createdBy,
        })
        .from(docVersions)
        .where(and(eq(docVersions.planId, planId), inArray(docVersions.kind, [...kinds])))
        .orderBy(desc(docVersions.createdAt), desc(docVersions.id));
      return rows.map((row) => ({ ...row, kind: toKind(row.kind) }));
    },
    async version(planId, versionId) {
      const [row] = await db
        .select()
        .from(docVersions)
        .where(and(eq(docVersions.planId, planId), eq(docVersions.id, versionId)));
      return row ? { ...row, kind: toKind(row.kind), state: new Uint8Array(row.state) } : null;
    },
    async insertAdjustment(adjustment) {
      const { changes, ...rest } = adjustment;
      await db.insert(planAdjustments).values({ ...rest, summary: JSON.stringify(changes) });
    },
    async adjustments(planId) {
      const rows = await db
        .select()
        .from(planAdjustments)
        .where(eq(planAdjustments.planId, planId))
        .orderBy(desc(planAdjustments.openedAt), desc(planAdjustments.id));
      return rows.map(toAdjustmentRow);
    },
    async openAdjustments() {
      const rows = await db.select().from(planAdjustments).where(eq(planAdjustments.state, 'open'));
      return rows.map(toAdjustmentRow);
    },
    async closeAdjustment(id, closedAt, changes) {
      const [row] = await db
        .update(planAdjustments)
        .set({ state: 'closed', closedAt, summary: JSON.stringify(changes) })
        .where(and(eq(planAdjustments.id, id), eq(planAdjustments.state, 'open')))
        .returning();
      return row ? toAdjustmentRow(row) : null;
    },
  };
}
