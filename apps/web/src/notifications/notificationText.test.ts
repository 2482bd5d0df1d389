import { describe, expect, it } from 'vitest';
import type { NotificationContent } from '@yipan/protocol';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { describeNotification, notificationHeading } from './notificationText';

const zh = (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params);
const english = (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params);

const CITY_PLAN = '示范市人大常委会2021年度监督工作计划';
const published = (jointCount: number): NotificationContent => ({
  kind: 'plan_published',
  detail: { orgName: '示范市', planTitle: CITY_PLAN, year: 2021, jointCount },
});
const reminder = (pending: number): NotificationContent => ({
  kind: 'reminder',
  detail: { orgName: '示范市', planTitle: CITY_PLAN, pending },
});
const upstream = (
  fields: Extract<NotificationContent, { kind: 'upstream_changed' }>['detail']['fields'],
  topicTitle = '县法院执行工作',
): NotificationContent => ({
  kind: 'upstream_changed',
  detail: { orgName: '示范市', parentTitle: '执行难', topicId: 't1', topicTitle, fields },
});
const answered = (answer: 'adopt' | 'link' | 'decline', reason?: string): NotificationContent => ({
  kind: 'child_answered',
  detail: { orgName: '示范县', topicTitle: '执行难', answer, ...(reason && { reason }) },
});

describe('describeNotification', () => {
  it('words a published plan by how many joint topics await an answer', () => {
    expect(describeNotification(published(0), zh)).toBe(`示范市发布了2021年度监督工作计划《${CITY_PLAN}》`);
    expect(describeNotification(published(1), zh)).toBe(
      '示范市发布了2021年度监督工作计划：1 个联动议题待您答复',
    );
    expect(describeNotification(published(3), zh)).toBe(
      '示范市发布了2021年度监督工作计划：3 个联动议题待您答复',
    );
    expect(describeNotification(published(0), english)).toBe(`示范市 published its 2021 plan “${CITY_PLAN}”`);
    expect(describeNotification(published(1), english)).toBe(
      '示范市 published its 2021 plan: 1 joint topic awaits your answer',
    );
    expect(describeNotification(published(3), english)).toBe(
      '示范市 published its 2021 plan: 3 joint topics await your answer',
    );
  });

  it('words a reminder by how many joint topics are still unanswered', () => {
    expect(describeNotification(reminder(0), zh)).toBe(`示范市提醒您关注《${CITY_PLAN}》的联动议题`);
    expect(describeNotification(reminder(1), zh)).toBe(
      `示范市提醒：《${CITY_PLAN}》还有 1 个联动议题待您答复`,
    );
    expect(describeNotification(reminder(4), zh)).toBe(
      `示范市提醒：《${CITY_PLAN}》还有 4 个联动议题待您答复`,
    );
    expect(describeNotification(reminder(0), english)).toBe(
      `示范市 reminds you of the joint topics of “${CITY_PLAN}”`,
    );
    expect(describeNotification(reminder(1), english)).toBe(
      `示范市 reminds you: 1 joint topic of “${CITY_PLAN}” awaits your answer`,
    );
    expect(describeNotification(reminder(4), english)).toBe(
      `示范市 reminds you: 4 joint topics of “${CITY_PLAN}” await your answer`,
    );
  });

  it('names the changed fields of a parent topic with the board’s words', () => {
    expect(describeNotification(upstream(['title']), zh)).toBe(
      '示范市修改了上级议题「执行难」的标题，请核对本级议题「县法院执行工作」',
    );
    expect(describeNotification(upstream(['title', 'method', 'month', 'session', 'sessionDate']), zh)).toBe(
      '示范市修改了上级议题「执行难」的标题、监督方式、月份、会次、会议日期，请核对本级议题「县法院执行工作」',
    );
    expect(describeNotification(upstream(['month', 'sessionDate']), english)).toBe(
      '示范市 changed the month and meeting date of “执行难”; check your topic “县法院执行工作”',
    );
    expect(describeNotification(upstream(['title', 'method', 'session']), english)).toBe(
      '示范市 changed the title, method and session of “执行难”; check your topic “县法院执行工作”',
    );
  });

  it('still reads when no field or no child topic title came with an upstream change', () => {
    expect(describeNotification(upstream([]), zh)).toBe(
      '示范市修改了上级议题「执行难」的内容，请核对本级议题「县法院执行工作」',
    );
    expect(describeNotification(upstream(['title'], ''), zh)).toBe('示范市修改了上级议题「执行难」的标题');
    expect(describeNotification(upstream(['title'], ''), english)).toBe(
      '示范市 changed the title of “执行难”',
    );
  });

  it('tells how a child organisation answered, with the reason of a decline', () => {
    expect(describeNotification(answered('adopt'), zh)).toBe(
      '示范县采纳了联动议题「执行难」，已列入其监督工作计划',
    );
    expect(describeNotification(answered('link'), zh)).toBe('示范县以本级已有议题响应了联动议题「执行难」');
    expect(describeNotification(answered('decline', '本县已于2020年开展'), zh)).toBe(
      '示范县不采纳联动议题「执行难」，理由：本县已于2020年开展',
    );
    expect(describeNotification(answered('decline'), zh)).toBe('示范县不采纳联动议题「执行难」');
    expect(describeNotification(answered('adopt'), english)).toBe(
      '示范县 adopted the joint topic “执行难” into its plan',
    );
    expect(describeNotification(answered('link'), english)).toBe(
      '示范县 answered the joint topic “执行难” with a topic of its own',
    );
    expect(describeNotification(answered('decline', 'done in 2020'), english)).toBe(
      '示范县 declined the joint topic “执行难”: done in 2020',
    );
    expect(describeNotification(answered('decline'), english)).toBe(
      '示范县 declined the joint topic “执行难”',
    );
  });

  it('cuts a long title so a toast stays readable', () => {
    const long =
      '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问，同时组织代表视察基层法院执行工作';
    const text = describeNotification(
      { kind: 'child_answered', detail: { orgName: '示范县', topicTitle: long, answer: 'adopt' } },
      zh,
    );
    expect(text).toContain(`「${long.slice(0, 40)}…」`);
    expect(text).not.toContain(long);
  });
});

describe('notificationHeading', () => {
  it('names every kind in both languages', () => {
    expect(notificationHeading('plan_published', zh)).toBe('计划发布');
    expect(notificationHeading('reminder', zh)).toBe('答复提醒');
    expect(notificationHeading('upstream_changed', zh)).toBe('上级议题已修改');
    expect(notificationHeading('child_answered', zh)).toBe('下级答复');
    expect(notificationHeading('plan_published', english)).toBe('Plan published');
    expect(notificationHeading('reminder', english)).toBe('Reminder');
    expect(notificationHeading('upstream_changed', english)).toBe('Parent topic changed');
    expect(notificationHeading('child_answered', english)).toBe('Answer from below');
  });
});
