import { describe, expect, it } from 'vitest';
import { computeAlignment, type AlignmentChildTopic, type AlignmentInput } from './alignment';
import type { TopicLink } from './links';

const link = (parentTopicId: string, parentPlanId = 'city-2021'): TopicLink => ({
  kind: 'topic',
  parentPlanId,
  parentTopicId,
  mode: 'joint',
  contributes: true,
  primary: true,
});

const childTopic = (
  orgId: string,
  topicId: string,
  overrides: Partial<AlignmentChildTopic> = {},
): AlignmentChildTopic => ({
  planId: `${orgId}-2021`,
  topicId,
  orgId,
  title: `${orgId} ${topicId}`,
  method: 'special_report',
  month: 6,
  sessionDate: null,
  archived: false,
  links: [],
  stepsTotal: 7,
  stepsFinished: 0,
  stepsStarted: 0,
  itemsTotal: 0,
  itemsClosed: 0,
  itemsRated: 0,
  ...overrides,
});

const child = (orgId: string) => ({
  orgId,
  name: orgId,
  planId: `${orgId}-2021`,
  planStatus: 'collating' as const,
  readAt: null,
});

/** A city with five counties and two topics: one joint with expectations of every county, one not joint. */
function input(
  childTopics: AlignmentChildTopic[],
  declines: AlignmentInput['declines'] = [],
): AlignmentInput {
  return {
    parentPlanId: 'city-2021',
    parentTopics: [
      {
        topicId: 'enforcement',
        title: '执行难',
        method: 'special_report',
        month: 6,
        session: null,
        sessionDate: null,
        joint: true,
        expectations: {
          c1: { level: 'required', neededBy: '2021-08-31' },
          c2: { level: 'required', neededBy: '2021-08-31' },
          c3: { level: 'recommended', neededBy: null },
          c4: { level: 'not_applicable', neededBy: null },
          c5: { level: 'required', neededBy: '2021-08-31' },
          c6: { level: 'recommended', neededBy: null },
        },
      },
      {
        topicId: 'business',
        title: '优化营商环境',
        method: 'special_report',
        month: 8,
        session: null,
        sessionDate: null,
        joint: false,
        expectations: { c1: { level: 'required', neededBy: null } },
      },
    ],
    children: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map(child),
    childTopics,
    declines,
  };
}

describe('alignment matrix', () => {
  const matrix = computeAlignment(
    input(
      [
        // c1: adopted and in progress, scheduled in September after the needed-by date: a conflict.
        childTopic('c1', 't1', { links: [link('enforcement')], stepsStarted: 3, stepsFinished: 2, month: 9 }),
        // c2: done, and every rectification item closed.
        childTopic('c2', 't1', {
          links: [link('enforcement')],
          stepsStarted: 7,
          stepsFinished: 7,
          itemsTotal: 2,
          itemsClosed: 2,
          itemsRated: 2,
        }),
        // c2 also has a topic of its own, and one archived, and one linked to another plan.
        childTopic('c2', 'own'),
        childTopic('c2', 'gone', { archived: true }),
        childTopic('c2', 'elsewhere', { links: [link('x', 'province-2021')] }),
        // c3: planned, linked to the topic that is not joint as well.
        childTopic('c3', 't1', { links: [link('enforcement'), link('business')], month: 6 }),
      ],
      [{ orgId: 'c5', parentTopicId: 'enforcement', reason: '本区无相关工作' }],
    ),
  );
  const [enforcement, business] = matrix.rows;

  it('gives each cell its state: planned, in progress, done, items closed, declined, not answered, not applicable', () => {
    expect(enforcement?.cells.map((cell) => [cell.orgId, cell.state])).toEqual([
      ['c1', 'in_progress'],
      ['c2', 'closed'],
      ['c3', 'planned'],
      ['c4', 'not_applicable'],
      ['c5', 'declined'],
      ['c6', 'not_answered'],
    ]);
    expect(enforcement?.cells[4]?.declineReason).toBe('本区无相关工作');
    expect(enforcement?.cells[0]?.topics[0]).toMatchObject({
      topicId: 't1',
      stepsFinished: 2,
      stepsTotal: 7,
      status: 'in_progress',
    });
  });

  it('expects nothing of a child a joint topic does not name', () => {
    const unnamed = computeAlignment({ ...input([]), children: [child('c9')] });
    expect(unnamed.rows[0]?.cells[0]?.state).toBe('not_expected');
    expect(unnamed.coverage.expected).toBe(0);
  });

  it('ignores expectations of a topic that is not joint', () => {
    expect(business?.cells.map((cell) => cell.state)).toEqual([
      'not_expected',
      'not_expected',
      'planned',
      'not_expected',
      'not_expected',
      'not_expected',
    ]);
    expect(business?.coverage).toEqual({
      expected: 0,
      linkedExpected: 0,
      linked: 1,
      declined: 0,
      notAnswered: 0,
    });
  });

  it('flags a child scheduled after the needed-by date', () => {
    expect(enforcement?.cells.map((cell) => cell.conflict)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(enforcement?.rollup).toEqual({
      stepsTotal: 21,
      stepsFinished: 9,
      itemsTotal: 2,
      itemsClosed: 2,
      itemsRated: 2,
      conflicts: 1,
    });
  });

  it('counts coverage per row, per column and in all', () => {
    expect(enforcement?.coverage).toEqual({
      expected: 5,
      linkedExpected: 3,
      linked: 3,
      declined: 1,
      notAnswered: 1,
    });
    const c3 = matrix.columns.find((column) => column.orgId === 'c3');
    expect(c3?.coverage).toEqual({ expected: 1, linkedExpected: 1, linked: 2, declined: 0, notAnswered: 0 });
    expect(matrix.coverage).toEqual({
      expected: 5,
      linkedExpected: 3,
      linked: 4,
      declined: 1,
      notAnswered: 1,
    });
  });

  it('lists each child’s own topics as local (unlinked), leaving out archived ones; a topic linked only to another plan is local here', () => {
    expect(
      matrix.columns.find((column) => column.orgId === 'c2')?.localTopics.map((topic) => topic.topicId),
    ).toEqual(['own', 'elsewhere']);
    expect(matrix.columns.find((column) => column.orgId === 'c1')?.localTopics).toEqual([]);
  });

  it('judges a month-only schedule by its month and an exact date by the date', () => {
    const late = (overrides: Partial<AlignmentChildTopic>) =>
      computeAlignment(input([childTopic('c1', 't', { links: [link('enforcement')], ...overrides })])).rows[0]
        ?.cells[0]?.conflict;
    expect(late({ month: 8 })).toBe(false);
    expect(late({ month: 9 })).toBe(true);
    expect(late({ month: 9, sessionDate: '2021-08-30' })).toBe(false);
    expect(late({ month: null, sessionDate: '2021-09-01' })).toBe(true);
    expect(late({ month: null })).toBe(false);
  });
});
