import { describe, expect, it } from 'vitest';
import { Adjustment, diffPlans } from './adjustments';
import { topic } from './testing/topic';

describe('differences from the approved plan', () => {
  it('reports nothing for an unchanged plan, moves or notes', () => {
    const approved = [topic('a'), topic('b')];
    expect(diffPlans(approved, [topic('b', { order: 'a1' }), topic('a', { notes: '会前视察' })])).toEqual([]);
  });

  it('reports added, removed (archived or gone) and changed topics with old and new values', () => {
    const approved = [topic('a', { month: 6 }), topic('b'), topic('c'), topic('x', { archived: true })];
    const live = [
      topic('a', { month: 9, leadCommittee: '财经委' }),
      topic('b', { title: '改名后', archived: true }),
      topic('d'),
      topic('x'),
    ];
    expect(diffPlans(approved, live)).toEqual([
      {
        topicId: 'a',
        title: '议题 a',
        kind: 'changed',
        changes: [
          { field: 'leadCommittee', from: '', to: '财经委' },
          { field: 'month', from: 6, to: 9 },
        ],
      },
      { topicId: 'b', title: '议题 b', kind: 'removed', changes: [] },
      { topicId: 'd', title: '议题 d', kind: 'added', changes: [] },
      { topicId: 'x', title: '议题 x', kind: 'added', changes: [] },
      { topicId: 'c', title: '议题 c', kind: 'removed', changes: [] },
    ]);
  });

  it('records an adjustment with its reason and the body that decided it', () => {
    const adjustment = { reason: '因上级部署调整', decidedBy: 'council_of_chairs', decidedOn: '2021-07-08' };
    expect(Adjustment.parse(adjustment)).toEqual(adjustment);
    expect(Adjustment.safeParse({ ...adjustment, reason: '' }).success).toBe(false);
    expect(Adjustment.safeParse({ ...adjustment, decidedBy: 'office' }).success).toBe(false);
  });
});
