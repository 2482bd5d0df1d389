import { and, count, eq, inArray, min } from 'drizzle-orm';
import { readDisclosureSettings } from '@yipan/domain';
import type { Driver } from './driver';
import type { DisclosureRow, DisclosureStore } from './types';

type DisclosureRecord = Driver['tables']['disclosureSettings']['$inferSelect'];

/** A stored row as the server sees it; JSON that no longer parses reads as the defaults. */
function toDisclosureRow(record: DisclosureRecord): DisclosureRow {
  let json: unknown = null;
  try {
    json = JSON.parse(record.fields);
  } catch {
    json = null;
  }
  return {
    orgId: record.orgId,
    settings: readDisclosureSettings(json),
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

/** The disclosure store, written once for both dialects like createStores. */
export function createDisclosureStore({ db, tables }: Driver): DisclosureStore {
  const { disclosureSettings, planTransitions, topics } = tables;
  return {
    async get(orgId) {
      const [record] = await db.select().from(disclosureSettings).where(eq(disclosureSettings.orgId, orgId));
      return record ? toDisclosureRow(record) : null;
    },
    async list() {
      const records = await db.select().from(disclosureSettings);
      return records.map(toDisclosureRow);
    },
    async put({ orgId, settings, updatedAt, updatedBy }) {
      const values = { fields: JSON.stringify(settings), updatedAt, updatedBy };
      await db
        .insert(disclosureSettings)
        .values({ orgId, ...values })
        .onConflictDoUpdate({ target: disclosureSettings.orgId, set: values });
    },
    async publishedAt(planIds) {
      if (planIds.length === 0) return new Map();
      const rows = await db
        .select({ planId: planTransitions.planId, at: min(planTransitions.at) })
        .from(planTransitions)
        .where(and(inArray(planTransitions.planId, [...planIds]), eq(planTransitions.toStatus, 'published')))
        .groupBy(planTransitions.planId);
      const result = new Map<string, Date>();
      for (const row of rows) {
        // SQLite's min() of a timestamp column comes back as its stored milliseconds, PostgreSQL's as a Date.
        const at = row.at instanceof Date ? row.at : row.at === null ? null : new Date(Number(row.at));
        if (at !== null && !Number.isNaN(at.getTime())) result.set(row.planId, at);
      }
      return result;
    },
    async topicCounts(planIds) {
      if (planIds.length === 0) return new Map();
      const rows = await db
        .select({ planId: topics.planId, value: count() })
        .from(topics)
        .where(and(inArray(topics.planId, [...planIds]), eq(topics.archived, 0)))
        .groupBy(topics.planId);
      return new Map(rows.map((row) => [row.planId, Number(row.value)]));
    },
  };
}
