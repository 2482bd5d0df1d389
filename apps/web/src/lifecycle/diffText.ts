import { TOPIC_FIELDS } from '@yipan/domain';
import type { TopicDiffJson } from '@yipan/protocol';
import type { MessageKey } from '../i18n/zh-CN';
import { fieldValueText, type Words } from '../topic/fieldText';

export type { Words } from '../topic/fieldText';

/** Shown for a field left empty on either side of a difference. */
export const EMPTY_VALUE = '—';

/** How each plan field is called in the difference view (the topic form's labels). */
const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'field.title',
  method: 'field.method',
  addonMethods: 'field.addonMethods',
  supervisedBody: 'field.supervisedBody',
  reportingUnit: 'field.reportingUnit',
  leadCommittee: 'field.leadCommittee',
  assistCommittees: 'field.assistCommittees',
  leaderInCharge: 'field.leaderInCharge',
  month: 'field.month',
  session: 'field.session',
  sources: 'field.sources',
};

/** The label of a plan field; an unknown field (a newer server) is shown by its name. */
export function fieldLabel(field: string, { t }: Words): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** A field's value on one side of a difference, in full (the view compares texts, so nothing is cut); empty is "—". */
export function valueText(field: string, value: unknown, words: Words): string {
  if (isEmpty(value)) return EMPTY_VALUE;
  if (Array.isArray(value))
    return value.map((item) => fieldValueText(field, item, words)).join(words.t('list.separator'));
  return fieldValueText(field, value, words);
}

/** One changed field as the view shows it. */
export type FieldChangeText = { field: string; label: string; before: string; after: string };

/** The changed fields of a topic in the form's order (unknown fields last), with labelled values. */
export function changeTexts(diff: TopicDiffJson, words: Words): FieldChangeText[] {
  const rank = (field: string) => {
    const index = (TOPIC_FIELDS as string[]).indexOf(field);
    return index < 0 ? TOPIC_FIELDS.length : index;
  };
  return [...diff.changes]
    .sort((a, b) => rank(a.field) - rank(b.field))
    .map((change) => ({
      field: change.field,
      label: fieldLabel(change.field, words),
      before: valueText(change.field, change.before, words),
      after: valueText(change.field, change.after, words),
    }));
}

/** How many topics were added, removed and changed: the summary line above a difference view. */
export function diffCounts(diffs: readonly TopicDiffJson[]): Record<TopicDiffJson['kind'], number> {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const diff of diffs) counts[diff.kind] += 1;
  return counts;
}
