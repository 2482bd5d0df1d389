import { z } from 'zod';
import { IsoDate } from './dates';
import { ApprovingBody } from './glossary';
import { fieldChanges, type FieldChange } from './history';
import { SHORT_TEXT_MAX, TOPIC_FIELDS, type Topic, type TopicField } from './planDoc';
import { lazySchema } from './lazySchema';

/**
 * Plan adjustments (计划调整): what the live plan changed against its approved version, and the record
 * every adjustment keeps (DOMAIN.md: its reason and who decided).
 */

/** Longest reason for an adjustment. */
export const ADJUSTMENT_REASON_MAX = 2_000;

/** The record of one adjustment: why, which body decided it, at which meeting, on which day. */
export const Adjustment = lazySchema(() =>
  z.object({
    reason: z.string().trim().min(1).max(ADJUSTMENT_REASON_MAX),
    decidedBy: ApprovingBody,
    /** e.g. 第十二次主任会议. */
    meeting: z.string().trim().max(SHORT_TEXT_MAX).optional(),
    decidedOn: IsoDate,
  }),
);
export type Adjustment = z.infer<typeof Adjustment>;

/** How one topic differs from the approved plan. Archiving a topic removes it from the plan. */
export type TopicDiff = {
  topicId: string;
  /** The live title; the approved one for a removed topic. */
  title: string;
  kind: 'added' | 'removed' | 'changed';
  /** The plan fields that changed (for `changed` only; notes and board order are not part of the plan). */
  changes: FieldChange<TopicField>[];
};

const inPlan = (topic: Topic | undefined): topic is Topic => topic !== undefined && !topic.archived;

/**
 * The differences of the live plan from its approved version, for the "differences from the approved
 * version" view: topics in the order of `live`, then those gone from it in the order of `approved`.
 * Pass both lists with archived topics included.
 */
export function diffPlans(approved: readonly Topic[], live: readonly Topic[]): TopicDiff[] {
  const before = new Map(approved.map((topic) => [topic.id, topic]));
  const liveIds = new Set(live.map((topic) => topic.id));
  const diffs: TopicDiff[] = [];
  for (const topic of live) {
    const old = before.get(topic.id);
    const base = { topicId: topic.id, title: topic.title };
    if (!inPlan(old)) {
      if (inPlan(topic)) diffs.push({ ...base, kind: 'added', changes: [] });
    } else if (!inPlan(topic)) {
      diffs.push({ ...base, title: old.title, kind: 'removed', changes: [] });
    } else {
      const changes = fieldChanges(old, topic, TOPIC_FIELDS);
      if (changes.length > 0) diffs.push({ ...base, kind: 'changed', changes });
    }
  }
  for (const old of approved) {
    if (inPlan(old) && !liveIds.has(old.id))
      diffs.push({ topicId: old.id, title: old.title, kind: 'removed', changes: [] });
  }
  return diffs;
}
