import * as Y from 'yjs';
import { createPlanDoc, planDocName } from '@yipan/domain';
import type { Database } from '@yipan/db';
import { projectPlanDoc } from './projectPlanDoc';

/** What a rebuild wrote. */
export type RebuildSummary = { plans: number; topics: number; steps: number; items: number };

/**
 * Loads a plan document from the store (snapshot, then the updates after it), as the sync server does.
 * A stored row that does not apply is skipped, so one bad row never blocks the rest of the plan.
 */
export async function loadPlanDoc(db: Database, planId: string): Promise<Y.Doc> {
  const loaded = await db.docs.load(planDocName(planId));
  const stored = loaded.snapshot ? [loaded.snapshot, ...loaded.updates] : loaded.updates;
  const doc = createPlanDoc();
  // One transaction for the whole load, so its cost stays O(state) however long the tail is.
  doc.transact(() => {
    for (const update of stored) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        continue;
      }
    }
  });
  return doc;
}

/**
 * Throws the projection away and writes it again from every plan document in the database (DESIGN.md
 * truth 3: the projection is derived and can be rebuilt at any time). Reads what is stored, so callers
 * running beside a live server flush its pending updates first.
 */
export async function rebuildProjection(db: Database): Promise<RebuildSummary> {
  const summary: RebuildSummary = { plans: 0, topics: 0, steps: 0, items: 0 };
  await db.projection.clear();
  for (const plan of await db.plans.list()) {
    const doc = await loadPlanDoc(db, plan.id);
    try {
      const rows = projectPlanDoc(doc, { planId: plan.id, orgId: plan.orgId });
      await db.projection.replacePlan(plan.id, rows);
      summary.plans += 1;
      summary.topics += rows.topics.length;
      summary.steps += rows.steps.length;
      summary.items += rows.items.length;
    } finally {
      doc.destroy();
    }
  }
  return summary;
}
