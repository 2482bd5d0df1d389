import {
  Method,
  METHOD_LABELS,
  MONTHS,
  SupervisedBody,
  SUPERVISED_BODY_LABELS,
  TOPIC_SOURCE_LABELS,
  TopicSource,
  type Label,
} from '@yipan/domain';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** What wording a topic's fields needs from the interface language: messages and glossary labels. */
export type Words = { t: Translate; label: (label: Label) => string };

/**
 * One non-empty value of a topic field as people read it: the glossary label of a method, supervised body or
 * source, "6月", "第3次会议", or the value itself. The one wording of field values for the difference view,
 * the history sentences and upstream changes; each caller decides how it shows an empty value.
 */
export function fieldValueText(field: string, value: unknown, { t, label }: Words): string {
  if (field === 'method' || field === 'addonMethods') {
    const method = Method.safeParse(value);
    if (method.success) return label(METHOD_LABELS[method.data]);
  }
  if (field === 'supervisedBody') {
    const body = SupervisedBody.safeParse(value);
    if (body.success) return label(SUPERVISED_BODY_LABELS[body.data]);
  }
  if (field === 'sources') {
    const source = TopicSource.safeParse(value);
    if (source.success) return label(TOPIC_SOURCE_LABELS[source.data]);
  }
  if (
    field === 'month' &&
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MONTHS.length
  )
    return t(`month.${value}` as MessageKey);
  if (field === 'session' && typeof value === 'number') return t('card.session', { session: value });
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value) ?? '';
}
