import * as Y from 'yjs';
import { createPlanDoc, listTopics, planDocName, topicChanges, type Topic } from '@yipan/domain';
import type { Database } from '@yipan/db';
import type { PlanHistoryEntry } from '@yipan/protocol';

/** How the history names authors that are not accounts (demo seeding, imports). */
const SYSTEM_AUTHORS: Record<string, string> = {
  system: '系统 / System',
  anonymous: '匿名 / Anonymous',
};

/**
 * The field-level history of a plan, newest first: replays the authored update log entry by entry into
 * a fresh document and diffs the topics before and after each entry (`topicChanges`). This reads and
 * replays the whole log, so it costs O(history) time and memory for one document; only the newest
 * `limit` entries that changed something are kept and returned. Entries that changed no topic field
 * (e.g. moves) are left out.
 */
export async function planHistory(db: Database, planId: string, limit: number): Promise<PlanHistoryEntry[]> {
  const log = await db.docs.history(planDocName(planId));
  const doc = createPlanDoc();
  const kept: { seq: number; at: Date; author: string; changes: PlanHistoryEntry['changes'] }[] = [];
  try {
    let before: Topic[] = [];
    for (const entry of log) {
      try {
        // Stored updates were validated before they were stored; a broken one is skipped, as loading skips it.
        Y.applyUpdate(doc, entry.update);
      } catch {
        continue;
      }
      const after = listTopics(doc, { includeArchived: true });
      const changes = topicChanges(before, after);
      before = after;
      if (changes.length === 0) continue;
      kept.push({ seq: entry.seq, at: entry.createdAt, author: entry.author, changes });
      if (kept.length > limit) kept.shift();
    }
  } finally {
    doc.destroy();
  }
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
