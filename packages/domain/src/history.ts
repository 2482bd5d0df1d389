import { TOPIC_FIELDS, type Topic, type TopicField } from './planDoc';

/** The fields a history entry reports: a topic's editable fields and its notes (order and bookkeeping are left out). */
export type HistoryTopicField = TopicField | 'notes';

/** The kinds of change a history entry reports, shared with the wire contract. */
export const TOPIC_CHANGE_KINDS = ['created', 'archived', 'restored', 'field'] as const;

/** One change of one topic between two states of a plan. */
export type TopicChange = {
  topicId: string;
  /** The topic's title after the change (before it, when the change is to the title itself: both are in from/to). */
  title: string;
  kind: (typeof TOPIC_CHANGE_KINDS)[number];
  field?: HistoryTopicField;
  from?: unknown;
  to?: unknown;
};

const HISTORY_FIELDS: readonly HistoryTopicField[] = [...TOPIC_FIELDS, 'notes'];

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A changed field of one topic with its old and new value, typed by field. */
export type FieldChange<F extends HistoryTopicField = HistoryTopicField> = {
  [K in F]: { field: K; from: Topic[K]; to: Topic[K] };
}[F];

/** The fields among `fields` whose values differ between two states of one topic, in the order given. */
export function fieldChanges<F extends HistoryTopicField>(
  before: Topic,
  after: Topic,
  fields: readonly F[],
): FieldChange<F>[] {
  return fields
    .filter((field) => !sameValue(before[field], after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

/**
 * What changed between two lists of a plan's topics (archived ones included), in the order of
 * `after`: new topics, archiving and restoring, and each changed field with its old and new value.
 * A topic missing from `after` is ignored: topics are never hard-deleted. Moves that change only the
 * order key are not reported.
 */
export function topicChanges(before: readonly Topic[], after: readonly Topic[]): TopicChange[] {
  const previous = new Map(before.map((topic) => [topic.id, topic]));
  const changes: TopicChange[] = [];
  for (const topic of after) {
    const old = previous.get(topic.id);
    const base = { topicId: topic.id, title: topic.title };
    if (!old) {
      changes.push({ ...base, kind: 'created' });
      if (topic.archived) changes.push({ ...base, kind: 'archived' });
      continue;
    }
    if (old.archived !== topic.archived)
      changes.push({ ...base, kind: topic.archived ? 'archived' : 'restored' });
    for (const change of fieldChanges(old, topic, HISTORY_FIELDS))
      changes.push({ ...base, kind: 'field', ...change });
  }
  return changes;
}
