import { describe, expect, it } from 'vitest';
import type { Label } from '@yipan/domain';
import type { TopicChange } from '@yipan/protocol';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { authorName, describeChange } from './describeChange';

const zh = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params),
  label: (label: Label) => label.zh,
};
const english = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params),
  label: (label: Label) => label.en,
};
const base = { topicId: 't1', title: '执行难' };
const field = (name: string, from: unknown, to: unknown): TopicChange => ({
  ...base,
  kind: 'field',
  field: name,
  from,
  to,
});

describe('describeChange', () => {
  it('tells of created, archived and restored topics', () => {
    expect(describeChange({ ...base, kind: 'created' }, '王敏', zh)).toBe('王敏 新建了议题「执行难」');
    expect(describeChange({ ...base, kind: 'archived' }, '王敏', zh)).toBe('王敏 归档了议题「执行难」');
    expect(describeChange({ ...base, kind: 'restored' }, '王敏', zh)).toBe('王敏 恢复了议题「执行难」');
    expect(describeChange({ ...base, kind: 'created' }, 'Wang Min', english)).toBe(
      'Wang Min created the topic “执行难”',
    );
  });

  it('names fields and values with the glossary’s words', () => {
    expect(describeChange(field('method', 'special_report', 'special_inquiry'), '王敏', zh)).toBe(
      '王敏 将「执行难」的监督方式改为 专题询问',
    );
    expect(describeChange(field('month', 6, 3), '王敏', zh)).toBe('王敏 将「执行难」的安排月份改为 3月');
    expect(describeChange(field('month', 3, null), '王敏', zh)).toBe(
      '王敏 将「执行难」的安排月份改为 未排期',
    );
    expect(describeChange(field('session', null, 3), '王敏', zh)).toBe(
      '王敏 将「执行难」的常委会会议改为 第3次会议',
    );
    expect(describeChange(field('addonMethods', [], ['visit', 'satisfaction_vote']), '王敏', zh)).toBe(
      '王敏 将「执行难」的配合方式改为 视察、满意度测评',
    );
    expect(describeChange(field('supervisedBody', 'gov', 'court'), '王敏', zh)).toBe(
      '王敏 将「执行难」的监督对象改为 人民法院',
    );
    expect(describeChange(field('sources', [], ['letters_visits']), '王敏', zh)).toBe(
      '王敏 将「执行难」的议题来源改为 人民来信来访',
    );
    expect(describeChange(field('reportingUnit', '', '市中级人民法院'), '王敏', zh)).toBe(
      '王敏 将「执行难」的承办单位改为 市中级人民法院',
    );
    expect(describeChange(field('method', 'special_report', 'special_inquiry'), 'Wang Min', english)).toBe(
      'Wang Min changed “执行难”: Method → Special inquiry',
    );
  });

  it('tells of renames, cleared fields and notes without quoting the notes', () => {
    expect(describeChange({ ...field('title', '旧标题', '执行难') }, '王敏', zh)).toBe(
      '王敏 将议题「旧标题」改名为「执行难」',
    );
    expect(describeChange(field('leadCommittee', '财经委', ''), '王敏', zh)).toBe(
      '王敏 清空了「执行难」的牵头委室',
    );
    expect(describeChange(field('assistCommittees', ['财经委'], []), '王敏', zh)).toBe(
      '王敏 清空了「执行难」的协办委室',
    );
    expect(describeChange(field('notes', '', '很长的备注'), '王敏', zh)).toBe(
      '王敏 修改了「执行难」的重点内容与备注',
    );
  });

  it('copes with values it does not know and cuts very long text', () => {
    expect(describeChange(field('method', 'x', 'not_a_method'), '王敏', zh)).toBe(
      '王敏 将「执行难」的监督方式改为 not_a_method',
    );
    expect(describeChange(field('unknownField', 1, 2), '王敏', zh)).toBe(
      '王敏 将「执行难」的unknownField改为 2',
    );
    const long = '长'.repeat(100);
    expect(describeChange(field('reportingUnit', '', long), '王敏', zh)).toContain(`${'长'.repeat(60)}…`);
  });
});

describe('describeChange of steps, items and the plan', () => {
  it('shows the server’s sentence in the interface language, after the author', () => {
    const step: TopicChange = {
      ...base,
      kind: 'step',
      detail: {
        zh: '「执行难」的步骤「确定议题」改为已完成',
        en: '“执行难”: step “Fix the topic” marked done',
      },
    };
    expect(describeChange(step, '王敏', zh)).toBe('王敏：「执行难」的步骤「确定议题」改为已完成');
    expect(describeChange(step, 'Wang Min', english)).toBe(
      'Wang Min: “执行难”: step “Fix the topic” marked done',
    );
    const plan: TopicChange = {
      topicId: '',
      title: '',
      kind: 'plan',
      detail: {
        zh: '计划状态 执行中 → 已调整：增加议题',
        en: 'plan status Executing → Adjusted: add a topic',
      },
    };
    expect(describeChange(plan, '王敏', zh)).toBe('王敏：计划状态 执行中 → 已调整：增加议题');
  });

  it('still says something when a sentence is missing', () => {
    expect(describeChange({ ...base, kind: 'item' }, '王敏', zh)).toBe('王敏 修改了计划');
  });
});

describe('authorName', () => {
  it('names accounts by their display name and the system in the interface language', () => {
    expect(authorName({ id: 'user-city-admin', displayName: '市人大办公室 王敏' }, zh.t)).toBe(
      '市人大办公室 王敏',
    );
    expect(authorName({ id: 'system', displayName: '系统 / System' }, zh.t)).toBe('系统');
    expect(authorName({ id: 'system', displayName: '系统 / System' }, english.t)).toBe('System');
  });
});
