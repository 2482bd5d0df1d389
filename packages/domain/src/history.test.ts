import { describe, expect, it } from 'vitest';
import { topicChanges } from './history';
import { topic } from './testing/topic';

describe('topicChanges', () => {
  it('reports nothing when nothing changed, and ignores pure moves', () => {
    expect(topicChanges([topic('a')], [topic('a')])).toEqual([]);
    expect(topicChanges([topic('a')], [topic('a', { order: 'a1' })])).toEqual([]);
  });

  it('reports new topics, archiving and restoring', () => {
    expect(topicChanges([], [topic('a')])).toEqual([{ topicId: 'a', title: '议题 a', kind: 'created' }]);
    expect(topicChanges([topic('a')], [topic('a', { archived: true })])).toEqual([
      { topicId: 'a', title: '议题 a', kind: 'archived' },
    ]);
    expect(topicChanges([topic('a', { archived: true })], [topic('a')])).toEqual([
      { topicId: 'a', title: '议题 a', kind: 'restored' },
    ]);
  });

  it('reports each changed field with its old and new value, in the order of the topics after', () => {
    const before = [topic('a'), topic('b', { month: 6 })];
    const after = [
      topic('b', { month: 7, addonMethods: ['visit'] }),
      topic('a', { title: '新标题', notes: '备注' }),
    ];
    expect(topicChanges(before, after)).toEqual([
      { topicId: 'b', title: '议题 b', kind: 'field', field: 'addonMethods', from: [], to: ['visit'] },
      { topicId: 'b', title: '议题 b', kind: 'field', field: 'month', from: 6, to: 7 },
      { topicId: 'a', title: '新标题', kind: 'field', field: 'title', from: '议题 a', to: '新标题' },
      { topicId: 'a', title: '新标题', kind: 'field', field: 'notes', from: '', to: '备注' },
    ]);
  });

  it('ignores topics that disappeared (topics are never hard-deleted)', () => {
    expect(topicChanges([topic('a')], [])).toEqual([]);
  });
});
