import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database, PlanProjection, ProjectedItem, ProjectedStep, ProjectedTopic } from './types';

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
  archived,
  fields: { id: topicId, sources: ['public_concern'], notes: '' },
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
const planRows = (planId: string, closed = false): PlanProjection => ({
  topics: [topicRow(planId, 'a', 0), topicRow(planId, 'b', 1, true)],
  steps: [stepRow(planId, 'a', 's1', 0), stepRow(planId, 'a', 's2', 1)],
  items: [itemRow(planId, 'a', 'i1', closed)],
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

  it('keeps the previous rows when a replacement fails halfway (one transaction)', async () => {
    const before = await db.projection.plan('p2');
    const broken = { ...planRows('p2'), steps: [stepRow('p2', 'a', 's1', 0), stepRow('p2', 'a', 's1', 1)] };
    await expect(db.projection.replacePlan('p2', broken)).rejects.toThrow();
    expect(await db.projection.plan('p2')).toEqual(before);
  });

  it('clears every row', async () => {
    await db.projection.clear();
    expect(await db.projection.isEmpty()).toBe(true);
    expect(await db.projection.all()).toEqual({ topics: [], steps: [], items: [] });
  });
});
