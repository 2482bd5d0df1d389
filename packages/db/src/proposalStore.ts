import { and, eq } from 'drizzle-orm';
import { ProposalIntakeState, SubmitterKind, TopicSource } from '@yipan/domain';
import type { Driver } from './driver';
import type { ProposalRow, ProposalStore } from './types';

type ProposalRecord = Driver['tables']['proposals']['$inferSelect'];

/** Reads a stored proposal; the enum columns are written from validated input, so a bad value reads as a safe default. */
function toProposalRow(record: ProposalRecord): ProposalRow {
  return {
    ...record,
    submitterKind: SubmitterKind.catch('public').parse(record.submitterKind),
    source: TopicSource.catch('public_solicitation').parse(record.source),
    state: ProposalIntakeState.catch('received').parse(record.state),
  };
}

/** The intake order: received ones by rank (unranked last, oldest first), then decided ones oldest first. */
function intakeOrder(a: ProposalRow, b: ProposalRow): number {
  const waiting = (row: ProposalRow) => (row.state === 'received' ? 0 : 1);
  return (
    waiting(a) - waiting(b) ||
    (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/** Solicitation proposals and the office's decisions, written once for both dialects like createStores. */
export function createProposalStore({ db, tables }: Driver): ProposalStore {
  const { proposals } = tables;
  const where = (planId: string, id: string) => and(eq(proposals.planId, planId), eq(proposals.id, id));
  return {
    async insert(proposal) {
      await db.insert(proposals).values({ ...proposal, state: 'received' });
    },
    async get(planId, id) {
      const [row] = await db.select().from(proposals).where(where(planId, id));
      return row ? toProposalRow(row) : null;
    },
    async listByPlan(planId) {
      const rows = await db.select().from(proposals).where(eq(proposals.planId, planId));
      // Sorted here: "nulls last" is spelled differently by the two dialects, and a plan has hundreds at most.
      return rows.map(toProposalRow).sort(intakeOrder);
    },
    async setRanks(planId, ranks) {
      for (const [id, rank] of ranks)
        await db
          .update(proposals)
          .set({ rank })
          .where(and(where(planId, id), eq(proposals.state, 'received')));
    },
    async decide(planId, id, decision) {
      // Only a received proposal changes: of two concurrent decisions exactly one wins.
      const changed = await db
        .update(proposals)
        .set({
          state: decision.state,
          mergedInto: decision.mergedInto ?? null,
          topicId: decision.topicId ?? null,
          decisionReason: decision.reason ?? null,
          decidedBy: decision.decidedBy,
          decidedAt: decision.decidedAt,
          rank: null,
        })
        .where(and(where(planId, id), eq(proposals.state, 'received')))
        .returning();
      const [row] = changed;
      return row ? toProposalRow(row) : null;
    },
    async reopen(planId, id) {
      await db
        .update(proposals)
        .set({
          state: 'received',
          mergedInto: null,
          topicId: null,
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
        })
        .where(where(planId, id));
    },
  };
}
