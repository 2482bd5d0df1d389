import { describe, expect, it } from 'vitest';
import type { Label } from '@yipan/domain';
import type { TopicDiffJson } from '@yipan/protocol';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { changeTexts, diffCounts, EMPTY_VALUE, valueText } from './diffText';

const zh = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params),
  label: (label: Label) => label.zh,
};
const english = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params),
  label: (label: Label) => label.en,
};

const changed = (changes: TopicDiffJson['changes']): TopicDiffJson => ({
  topicId: 't1',
  title: '执行难',
  kind: 'changed',
  changes,
});

describe('valueText', () => {
  it('names months as N月 and shows an unscheduled month as empty', () => {
    expect(valueText('month', 6, zh)).toBe('6月');
    expect(valueText('month', null, zh)).toBe(EMPTY_VALUE);
  });

  it('uses the glossary for methods, bodies and sources, in the interface language', () => {
    expect(valueText('method', 'special_inquiry', zh)).toBe('专题询问');
    expect(valueText('method', 'special_inquiry', english)).toBe('Special inquiry');
    expect(valueText('supervisedBody', 'court', zh)).toBe('人民法院');
    expect(valueText('addonMethods', ['special_inquiry', 'satisfaction_vote'], zh)).toBe(
      '专题询问、满意度测评',
    );
  });

  it('shows sessions as 第N次会议 and empty texts and lists as —', () => {
    expect(valueText('session', 3, zh)).toBe('第3次会议');
    expect(valueText('reportingUnit', '', zh)).toBe(EMPTY_VALUE);
    expect(valueText('assistCommittees', [], zh)).toBe(EMPTY_VALUE);
  });

  it('keeps a long title whole, so before and after can be compared', () => {
    const title = '听'.repeat(150);
    expect(valueText('title', title, zh)).toBe(title);
  });
});

describe('changeTexts', () => {
  it('lists changed fields in the form order with labels, before → after', () => {
    const diff = changed([
      { field: 'month', before: 6, after: 7 },
      { field: 'title', before: '执行难', after: '执行难问题' },
    ]);
    expect(changeTexts(diff, zh)).toEqual([
      { field: 'title', label: '议题名称', before: '执行难', after: '执行难问题' },
      { field: 'month', label: '安排月份', before: '6月', after: '7月' },
    ]);
  });

  it('shows a field it does not know by its name, last', () => {
    const diff = changed([
      { field: 'priority', before: 1, after: 2 },
      { field: 'month', before: null, after: 9 },
    ]);
    expect(changeTexts(diff, zh).map(({ label, before, after }) => [label, before, after])).toEqual([
      ['安排月份', EMPTY_VALUE, '9月'],
      ['priority', '1', '2'],
    ]);
  });
});

describe('diffCounts', () => {
  it('counts added, removed and changed topics', () => {
    const diffs: TopicDiffJson[] = [
      changed([{ field: 'month', before: 6, after: 7 }]),
      { topicId: 't2', title: '营商环境', kind: 'added', changes: [] },
      { topicId: 't3', title: '安全生产', kind: 'added', changes: [] },
    ];
    expect(diffCounts(diffs)).toEqual({ added: 2, removed: 0, changed: 1 });
  });
});
