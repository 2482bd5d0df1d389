import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type {
  Database,
  PlanProjection,
  ProjectedItem,
  ProjectedLink,
  ProjectedStep,
  ProjectedTopic,
} from './types';

const topicRow = (planId: string, topicId: string, position: number, archived = false): ProjectedTopic => ({
  planId,
  topicId,
  orgId: `org-of-${planId}`,
  position,
  title: `议题 ${topicId}`,
  method: 'special_report',
  supervisedBody: 'court',
  leadCommittee: '监察和司法委',
  reportingUnit: '县法院',
  month: 6,
  session: null,
  sessionDate: '2021-06-25',
  archived,
  joint: topicId === 'a',
  fields: { id: topicId, sessionDate: '2021-06-25', sources: ['public_concern'], notes: '' },
});
const stepRow = (planId: string, topicId: string, stepId: string, position: number): ProjectedStep => ({
  planId,
  topicId,
  stepId,
  position,
  templateKey: `special_report.${stepId}`,
  title: '确定议题',
  state: 'done',
  date: '2021-03-02',
  dueDate: null,
  owner: '监察和司法委',
});
const itemRow = (planId: string, topicId: string, itemId: string, closed: boolean): ProjectedItem => ({
  planId,
  topicId,
  itemId,
  orgId: `org-of-${planId}`,
  position: 0,
  content: '加快执行案款发放',
  responsibleBody: '县法院',
  deadline: '2021-09-30',
  state: closed ? 'closed' : 'handling',
  rating: closed ? { satisfied: 9, basicallySatisfied: 1, unsatisfied: 0 } : null,
  closedAt: closed ? new Date(Date.UTC(2021, 10, 1)) : null,
  closedBy: closed ? '执法检查组' : '',
});
const linkRow = (planId: string, topicId: string, parentPlanId: string | null): ProjectedLink => ({
  planId,
  topicId,
  orgId: `org-of-${planId}`,
  position: parentPlanId === null ? 1 : 0,
  parentPlanId,
  parentTopicId: parentPlanId === null ? null : 'a',
  mode: parentPlanId === null ? 'delegated' : 'joint',
  contributes: parentPlanId !== null,
  primary: parentPlanId !== null,
  external: parentPlanId === null ? { title: '省人大执法检查', year: 2021, source: '省人大常委会' } : null,
  seen:
    parentPlanId === null
      ? null
      : { title: '执行难', method: 'special_report', month: 6, session: null, sessionDate: null },
});
const planRows = (planId: string, closed = false): PlanProjection => ({
  topics: [topicRow(planId, 'a', 0), topicRow(planId, 'b', 1, true)],
  steps: [stepRow(planId, 'a', 's1', 0), stepRow(planId, 'a', 's2', 1)],
  items: [itemRow(planId, 'a', 'i1', closed)],
  links: [linkRow(planId, 'a', 'city-plan'), linkRow(planId, 'a', null)],
  expectations: [{ planId, topicId: 'a', childOrgId: 'county-1', level: 'required', neededBy: '2021-09-30' }],
  declines: [
    {
      planId,
      orgId: `org-of-${planId}`,
      parentPlanId: 'city-plan',
      parentTopicId: 'b',
      reason: '本县无此项工作',
      declinedBy: 'u1',
      declinedAt: new Date(Date.UTC(2021, 3, 1)),
    },
  ],
});

describeEachDialect('projection store', (_dialect, database) => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(database().config);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('starts empty, then reads back every row of a plan as written', async () => {
    expect(await db.projection.isEmpty()).toBe(true);
    await db.projection.replacePlan('p1', planRows('p1'));
    expect(await db.projection.isEmpty()).toBe(false);
    expect(await db.projection.plan('p1')).toEqual(planRows('p1'));
  });

  it('replaces one plan’s rows and leaves the other plans alone', async () => {
    await db.projection.replacePlan('p2', planRows('p2'));
    const changed = { ...planRows('p1', true), topics: [topicRow('p1', 'a', 0)] };
    await db.projection.replacePlan('p1', changed);
    expect(await db.projection.plan('p1')).toEqual(changed);
    expect(await db.projection.plan('p2')).toEqual(planRows('p2'));
    expect((await db.projection.itemsOfPlans(['p1', 'p2'])).map((item) => [item.planId, item.state])).toEqual(
      [
        ['p1', 'closed'],
        ['p2', 'handling'],
      ],
    );
    expect(await db.projection.itemsOfPlans([])).toEqual([]);
  });

  it('answers the matrix queries: summaries with counts, links both ways, expectations and declines', async () => {
    const summaries = await db.projection.topicSummaries(['p1', 'p2']);
    expect(summaries.map((row) => [row.planId, row.topicId, row.joint, row.sessionDate])).toEqual([
      ['p1', 'a', true, '2021-06-25'],
      ['p2', 'a', true, '2021-06-25'],
      ['p2', 'b', false, '2021-06-25'],
    ]);
    const [first] = summaries;
    expect(first).toMatchObject({
      stepsTotal: 2,
      stepsFinished: 2,
      stepsStarted: 2,
      itemsTotal: 1,
      itemsClosed: 1,
      itemsRated: 1,
    });
    expect(summaries[2]).toMatchObject({ stepsTotal: 0, itemsTotal: 0 });
    expect((await db.projection.linksToPlans(['city-plan'])).map((link) => link.planId)).toEqual([
      'p1',
      'p2',
    ]);
    expect(await db.projection.linksOfPlans(['p2'])).toEqual(planRows('p2').links);
    expect(await db.projection.expectationsOfPlans(['p1'])).toEqual(planRows('p1').expectations);
    expect(await db.projection.declinesOfPlans(['p2'])).toEqual(planRows('p2').declines);
    expect(await db.projection.topicSummaries([])).toEqual([]);
  });

  it('keeps the previous rows when a replacement fails halfway (one transaction)', async () => {
    const before = await db.projection.plan('p2');
    const broken = { ...planRows('p2'), steps: [stepRow('p2', 'a', 's1', 0), stepRow('p2', 'a', 's1', 1)] };
    await expect(db.projection.replacePlan('p2', broken)).rejects.toThrow();
    expect(await db.projection.plan('p2')).toEqual(before);
  });

  it('clears every row', async () => {
    await db.projection.clear();
    expect(await db.projection.isEmpty()).toBe(true);
    expect(await db.projection.all()).toEqual({
      topics: [],
      steps: [],
      items: [],
      links: [],
      expectations: [],
      declines: [],
    });
  });
});
