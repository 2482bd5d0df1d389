import type { Label, UpstreamField } from '@yipan/domain';
import type { ParentPlan, ParentTopic, UpstreamFieldChange, UpstreamResponse } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { fieldValueText } from '../topic/fieldText';

/*
 * What the upstream drawer (上级议题) and its button show, worked out from `GET /api/plans/:planId/upstream`
 * without React: what awaits an answer, the parent topics grouped by parent plan, and the words for a
 * changed field of a parent topic.
 */

/** Whether a parent topic waits for this plan's answer: joint, expected of it (须联动/建议联动), not answered yet. */
export function awaitsAnswer(topic: ParentTopic): boolean {
  return (
    topic.joint &&
    topic.expectation !== null &&
    topic.expectation.level !== 'not_applicable' &&
    topic.answer.state === 'none'
  );
}

/** The count on the upstream button: expectations awaiting an answer plus parent changes not yet looked at. */
export function countAwaiting(upstream: Pick<UpstreamResponse, 'topics' | 'changes'>): number {
  return upstream.topics.filter(awaitsAnswer).length + upstream.changes.length;
}

/** One parent plan with its topics as the drawer lists them. */
export type ParentPlanGroup = { plan: ParentPlan; topics: ParentTopic[] };

/**
 * The parent topics by parent plan, in the order the server lists the plans (nearest level first), each
 * plan's joint topics first and otherwise in the parent's plan order; plans without topics are left out.
 */
export function groupByParentPlan(
  upstream: Pick<UpstreamResponse, 'parentPlans' | 'topics'>,
): ParentPlanGroup[] {
  return upstream.parentPlans
    .map((plan) => {
      const topics = upstream.topics.filter((topic) => topic.parentPlanId === plan.id);
      // A stable sort: within joint and non-joint topics the parent's own order stays.
      const ordered = [...topics].sort((a, b) => Number(b.joint) - Number(a.joint));
      return { plan, topics: ordered };
    })
    .filter((group) => group.topics.length > 0);
}

/** The name of each field whose change a child sees, as the UI says it. */
export const UPSTREAM_FIELD_KEYS: Record<UpstreamField, MessageKey> = {
  title: 'upstream.field.title',
  method: 'upstream.field.method',
  month: 'upstream.field.month',
  session: 'upstream.field.session',
  sessionDate: 'upstream.field.sessionDate',
};

/** One side of a changed field in words: the method's label, "6月", "第3次会议", a date, or "未安排" for none. */
export function upstreamValueText(
  field: UpstreamField,
  value: UpstreamFieldChange['seen'],
  t: Translate,
  label: (label: Label) => string,
): string {
  return value === null || value === ''
    ? t('upstream.value.none')
    : fieldValueText(field, value, { t, label });
}

/** A changed field as one line: "月份：6月 → 7月". */
export function upstreamChangeText(
  change: UpstreamFieldChange,
  t: Translate,
  label: (label: Label) => string,
): string {
  return t('upstream.change', {
    field: t(UPSTREAM_FIELD_KEYS[change.field]),
    seen: upstreamValueText(change.field, change.seen, t, label),
    current: upstreamValueText(change.field, change.current, t, label),
  });
}
