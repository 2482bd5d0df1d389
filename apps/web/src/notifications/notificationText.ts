import type { UpstreamField } from '@yipan/domain';
import type { NotificationContent, NotificationKind } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** How each field of an upstream change is named in a sentence ("修改了…的标题、月份"). */
const FIELD_LABELS: Record<UpstreamField, MessageKey> = {
  title: 'notifications.field.title',
  method: 'notifications.field.method',
  month: 'notifications.field.month',
  session: 'notifications.field.session',
  sessionDate: 'notifications.field.sessionDate',
};

/** The heading of each kind, shown above the sentence in a toast. */
const HEADINGS: Record<NotificationKind, MessageKey> = {
  plan_published: 'notifications.kind.plan_published',
  reminder: 'notifications.kind.reminder',
  upstream_changed: 'notifications.kind.upstream_changed',
  child_answered: 'notifications.kind.child_answered',
};

/** The longest title quoted in a sentence: a city topic's full title would fill a toast on its own. */
const TITLE_MAX = 40;

function shorten(text: string): string {
  return text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX)}…` : text;
}

/** Picks the message for no, one or several items: English needs "1 topic awaits" and "3 topics await". */
function byCount(count: number, keys: { none: MessageKey; one: MessageKey; many: MessageKey }): MessageKey {
  return count <= 0 ? keys.none : count === 1 ? keys.one : keys.many;
}

/** What kind of notification it is, in a few words ("上级议题已修改"). */
export function notificationHeading(kind: NotificationKind, t: Translate): string {
  return t(HEADINGS[kind]);
}

/**
 * A notification as one sentence in the reader's language, from the facts the server stored, e.g.
 * "示范市发布了2021年度监督工作计划：3 个联动议题待您答复" or "示范市 published its 2021 plan: 3 joint topics
 * await your answer".
 */
export function describeNotification(notification: NotificationContent, t: Translate): string {
  switch (notification.kind) {
    case 'plan_published': {
      const { orgName, planTitle, year, jointCount } = notification.detail;
      const key = byCount(jointCount, {
        none: 'notifications.published.none',
        one: 'notifications.published.one',
        many: 'notifications.published.many',
      });
      return t(key, { org: orgName, plan: shorten(planTitle), year, count: jointCount });
    }
    case 'reminder': {
      const { orgName, planTitle, pending } = notification.detail;
      const key = byCount(pending, {
        none: 'notifications.reminder.none',
        one: 'notifications.reminder.one',
        many: 'notifications.reminder.many',
      });
      return t(key, { org: orgName, plan: shorten(planTitle), count: pending });
    }
    case 'upstream_changed': {
      const { orgName, parentTitle, topicTitle, fields } = notification.detail;
      const names = fields.map((field) => t(FIELD_LABELS[field]));
      const last = names.pop();
      const fieldText =
        last === undefined
          ? t('notifications.field.any')
          : names.length > 0
            ? `${names.join(t('list.separator'))}${t('notifications.field.lastSeparator')}${last}`
            : last;
      const params = { org: orgName, parent: shorten(parentTitle), fields: fieldText };
      // The server sends an empty title when the child topic was gone by the time it noticed.
      return topicTitle
        ? t('notifications.upstream', { ...params, topic: shorten(topicTitle) })
        : t('notifications.upstream.noTopic', params);
    }
    case 'child_answered': {
      const { orgName, topicTitle, answer, reason } = notification.detail;
      const params = { org: orgName, topic: shorten(topicTitle) };
      if (answer === 'adopt') return t('notifications.answer.adopt', params);
      if (answer === 'link') return t('notifications.answer.link', params);
      return reason
        ? t('notifications.answer.decline', { ...params, reason })
        : t('notifications.answer.declineNoReason', params);
    }
  }
}
