import { describe, expect, it } from 'vitest';
import type { Label } from '@yipan/domain';
import type { ParentPlan, ParentTopic } from '@yipan/protocol';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { jointExpectations } from './jointExpectations';
import {
  awaitsAnswer,
  countAwaiting,
  groupByParentPlan,
  upstreamChangeText,
  upstreamValueText,
} from './upstreamView';

const zh = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params),
  label: (label: Label) => label.zh,
};
const english = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params),
  label: (label: Label) => label.en,
};

const plan = (id: string, orgName: string): ParentPlan => ({
  id,
  orgId: id.replace(/-2021$/, ''),
  year: 2021,
  title: `${orgName}2021年度监督工作计划`,
  status: 'executing',
  docName: `plan:${id}`,
  orgName,
});

const topic = (id: string, overrides: Partial<ParentTopic> = {}): ParentTopic => ({
  parentPlanId: 'city-2021',
  parentTopicId: id,
  title: id,
  method: 'special_report',
  supervisedBody: 'gov',
  leadCommittee: '',
  month: 6,
  session: null,
  sessionDate: null,
  joint: false,
  expectation: null,
  answer: { state: 'none' },
  ...overrides,
});

const required = { level: 'required', neededBy: null } as const;

describe('awaitsAnswer and countAwaiting', () => {
  it('count joint topics expected of the plan and not answered, plus the changed parents', () => {
    const topics = [
      topic('required', { joint: true, expectation: required }),
      topic('recommended', { joint: true, expectation: { level: 'recommended', neededBy: '2021-09-30' } }),
      topic('not-applicable', { joint: true, expectation: { level: 'not_applicable', neededBy: null } }),
      topic('adopted', { joint: true, expectation: required, answer: { state: 'linked', topicIds: ['t1'] } }),
      topic('declined', {
        joint: true,
        expectation: required,
        answer: { state: 'declined', reason: '已开展' },
      }),
      topic('plain'),
    ];
    expect(topics.filter(awaitsAnswer).map((one) => one.parentTopicId)).toEqual(['required', 'recommended']);
    const change = {
      topicId: 't1',
      parentPlanId: 'city-2021',
      parentTopicId: 'adopted',
      parentTitle: 'adopted',
      changes: [{ field: 'month' as const, seen: 6, current: 7 }],
    };
    expect(countAwaiting({ topics, changes: [] })).toBe(2);
    expect(countAwaiting({ topics, changes: [change] })).toBe(3);
  });
});

describe('groupByParentPlan', () => {
  it('keeps the plans in the server’s order, joint topics first, and leaves out plans without topics', () => {
    const groups = groupByParentPlan({
      parentPlans: [plan('county-1-2021', '示范县'), plan('city-2021', '示范市'), plan('empty-2021', '空')],
      topics: [
        topic('a'),
        topic('b', { joint: true }),
        topic('c'),
        topic('d', { joint: true }),
        topic('e', { parentPlanId: 'county-1-2021' }),
      ],
    });
    expect(groups.map((group) => [group.plan.orgName, group.topics.map((one) => one.parentTopicId)])).toEqual(
      [
        ['示范县', ['e']],
        ['示范市', ['b', 'd', 'a', 'c']],
      ],
    );
  });
});

describe('upstreamChangeText', () => {
  it('names the field and both values in words', () => {
    expect(upstreamChangeText({ field: 'month', seen: 6, current: 7 }, zh.t, zh.label)).toBe(
      '月份：6月 → 7月',
    );
    expect(
      upstreamChangeText(
        { field: 'method', seen: 'special_report', current: 'law_inspection' },
        zh.t,
        zh.label,
      ),
    ).toBe('监督方式：听取和审议专项工作报告 → 执法检查');
    expect(upstreamChangeText({ field: 'session', seen: null, current: 3 }, zh.t, zh.label)).toBe(
      '会次：未安排 → 第3次会议',
    );
    expect(
      upstreamChangeText(
        { field: 'sessionDate', seen: '2021-06-20', current: null },
        english.t,
        english.label,
      ),
    ).toBe('Session date: 2021-06-20 → none');
    expect(
      upstreamChangeText({ field: 'title', seen: '执行难', current: '执行难问题' }, zh.t, zh.label),
    ).toBe('标题：执行难 → 执行难问题');
  });

  it('shows a value it does not know as it came rather than failing', () => {
    expect(upstreamValueText('method', 'not_a_method', zh.t, zh.label)).toBe('not_a_method');
    expect(upstreamValueText('month', 13, zh.t, zh.label)).toBe('13');
  });
});

describe('jointExpectations', () => {
  it('gives every child the expectation said, and 须联动 to those not mentioned', () => {
    const said = { 'county-2': { level: 'not_applicable', neededBy: '2021-10-01' } } as const;
    expect(jointExpectations(said, [{ id: 'county-1' }, { id: 'county-2' }])).toEqual({
      'county-1': { level: 'required', neededBy: null },
      'county-2': { level: 'not_applicable', neededBy: '2021-10-01' },
    });
  });

  it('drops expectations of organisations that are no longer children', () => {
    expect(jointExpectations({ gone: required }, [{ id: 'county-1' }])).toEqual({ 'county-1': required });
  });
});
