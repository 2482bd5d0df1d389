import * as Y from 'yjs';
import {
  adjustmentDetail,
  createPlanDoc,
  listTopics,
  planDocName,
  readOpinion,
  readSteps,
  topicChanges,
  transitionDetail,
  workChanges,
  type Topic,
  type TopicWork,
} from '@yipan/domain';
import type { Database } from '@yipan/db';
import type { PlanHistoryEntry } from '@yipan/protocol';

/** How the history names authors that are not accounts (demo seeding, imports). */
const SYSTEM_AUTHORS: Record<string, string> = {
  system: '系统 / System',
  anonymous: '匿名 / Anonymous',
};

/** The topics of a plan and the work on each, at one moment of the replay. */
type PlanState = { topics: Topic[]; work: Map<string, TopicWork> };

function stateOf(doc: Y.Doc): PlanState {
  const topics = listTopics(doc, { includeArchived: true });
  const work = new Map(
    topics.map((topic) => [
      topic.id,
      { steps: readSteps(doc, topic.id), opinion: readOpinion(doc, topic.id) },
    ]),
  );
  return { topics, work };
}

function changesBetween(before: PlanState, after: PlanState): PlanHistoryEntry['changes'] {
  const changes = topicChanges(before.topics, after.topics);
  for (const topic of after.topics) {
    const work = after.work.get(topic.id);
    if (work) changes.push(...workChanges(topic, before.work.get(topic.id), work));
  }
  return changes;
}

/** An event outside the update log (a transition, an adjustment), before its author is named. */
type Kept = { seq: number; at: Date; author: string; changes: PlanHistoryEntry['changes'] };

/**
 * The plan's lifecycle events as history entries: transitions and adjustments opened or closed. They are
 * not in the update log, so their `seq` is negative (unique among them), telling them apart from log entries.
 */
async function lifecycleEntries(db: Database, planId: string): Promise<Kept[]> {
  const entries: Omit<Kept, 'seq'>[] = [];
  const plan = (detail: PlanHistoryEntry['changes'][number]['detail']) => [
    { topicId: '', title: '', kind: 'plan' as const, detail },
  ];
  for (const row of await db.lifecycle.transitions(planId))
    entries.push({
      at: row.at,
      author: row.actorId,
      changes: plan(transitionDetail(row.fromStatus, row.toStatus, row.note)),
    });
  for (const row of await db.lifecycle.adjustments(planId)) {
    entries.push({ at: row.openedAt, author: row.openedBy, changes: plan(adjustmentDetail(row, 'opened')) });
    if (row.closedAt)
      entries.push({
        at: row.closedAt,
        author: row.openedBy,
        changes: plan(adjustmentDetail(row, 'closed')),
      });
  }
  return entries.map((entry, index) => ({ ...entry, seq: -(index + 1) }));
}

/**
 * The field-level history of a plan, newest first: replays the authored update log entry by entry into
 * a fresh document and diffs the topics, their steps and opinions before and after each entry
 * (`topicChanges`, `workChanges`), then interleaves the plan's transitions and adjustments by time. This
 * reads and replays the whole log, so it costs O(history) time and memory for one document; only the
 * newest `limit` entries that changed something are kept and returned. Entries that changed nothing a
 * person would call a change (e.g. moves) are left out.
 */
export async function planHistory(db: Database, planId: string, limit: number): Promise<PlanHistoryEntry[]> {
  const log = await db.docs.history(planDocName(planId));
  const doc = createPlanDoc();
  let kept: Kept[] = [];
  try {
    let before: PlanState = { topics: [], work: new Map() };
    for (const entry of log) {
      try {
        // Stored updates were validated before they were stored; a broken one is skipped, as loading skips it.
        Y.applyUpdate(doc, entry.update);
      } catch {
        continue;
      }
      const after = stateOf(doc);
      const changes = changesBetween(before, after);
      before = after;
      if (changes.length === 0) continue;
      kept.push({ seq: entry.seq, at: entry.createdAt, author: entry.author, changes });
      if (kept.length > limit) kept.shift();
    }
  } finally {
    doc.destroy();
  }
  // Lifecycle events interleave with edits by time; the newest `limit` of all are kept.
  kept = [...kept, ...(await lifecycleEntries(db, planId))]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-limit);
  const users = await db.users.getMany([...new Set(kept.map((entry) => entry.author))]);
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  return kept.reverse().map((entry) => ({
    seq: entry.seq,
    at: entry.at.toISOString(),
    author: {
      id: entry.author,
      displayName: names.get(entry.author) ?? SYSTEM_AUTHORS[entry.author] ?? entry.author,
    },
    changes: entry.changes,
  }));
}
