import { expect, it } from 'vitest';
import {
  addDays,
  addRectificationItem,
  addTopic,
  advanceRectificationItem,
  applyStepTemplate,
  archiveTopic,
  chinaDateOf,
  moveTopic,
  readOpinion,
  readSteps,
  setStepState,
  stepTemplateFor,
  updateTopic,
  type RectificationState,
} from '@yipan/domain';
import { ErrorBody, FollowUpResponse, PlanHistoryResponse } from '@yipan/protocol';
import type { PlanProjection } from '@yipan/db';
import { projectPlanDoc, rebuildProjection } from '@yipan/server';
import type { PlanClient } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/** Plans still soliciting in the demo data, so every field may be edited without an adjustment. */
const PLAN = 'county-3-2021';
const ORG = 'county-3';
const OTHER_PLAN = 'county-4-2021';
const OTHER_ORG = 'county-4';
const BY = { by: '测试编辑 张三' };

/** Moves an item along the usual path from where it stands up to `to` (rating it on the way through `rated`). */
const PATH: RectificationState[] = [
  'chairs_approved',
  'issued',
  'handling',
  'reported',
  'rated',
  'tracking',
  'closed',
];
const PASSING = { satisfied: 40, basicallySatisfied: 5, unsatisfied: 1 };

function advanceTo(client: PlanClient, topicId: string, itemId: string, to: RectificationState): void {
  const current = readOpinion(client.doc, topicId)?.items.find((item) => item.id === itemId)?.state;
  for (const state of PATH.slice(PATH.indexOf(current ?? 'drafting') + 1, PATH.indexOf(to) + 1))
    advanceRectificationItem(client.doc, topicId, itemId, state, {
      ...BY,
      at: Date.now(),
      ...(state === 'rated' ? { rating: PASSING } : {}),
    });
}

/** Rows in a canonical order, so comparisons do not depend on the order a query returned them in. */
function canonical(rows: PlanProjection): PlanProjection {
  const key = (row: object) => JSON.stringify(row);
  const sort = <T extends object>(list: T[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    topics: sort(rows.topics),
    steps: sort(rows.steps),
    items: sort(rows.items),
    links: sort(rows.links),
    expectations: sort(rows.expectations),
    declines: sort(rows.declines),
  };
}

describeEachDialect('relational projection', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  const projectionOf = (planId: string) => running().server.db.projection.plan(planId);

  /** Waits until the stored rows of a plan are exactly what the client's document projects to. */
  async function settled(client: PlanClient, planId: string, orgId: string): Promise<PlanProjection> {
    const expected = canonical(projectPlanDoc(client.doc, { planId, orgId }));
    return waitFor(`the projection of ${planId} to catch up`, async () => {
      const rows = canonical(await projectionOf(planId));
      return JSON.stringify(rows) === JSON.stringify(expected) ? rows : null;
    });
  }

  it('projects the demo plans at first start', async () => {
    const city = await projectionOf('city-2021');
    expect(city.topics.find((topic) => topic.topicId === 'city-2021-enforcement')).toMatchObject({
      supervisedBody: 'court',
      leadCommittee: '监察和司法委',
      month: 6,
    });
    expect(city.topics.some((topic) => topic.title.includes('执行难'))).toBe(true);
    expect(city.topics.every((topic) => topic.orgId === 'city' && !topic.archived)).toBe(true);
  });

  it('shows new topics, finished steps and items moving through their states shortly after the edit', async () => {
    const client = await connect(PLAN);
    const topicId = addTopic(client.doc, { title: '县法院执行工作', method: 'special_inquiry', month: 6 });
    applyStepTemplate(client.doc, topicId, stepTemplateFor('special_inquiry'));
    const first = readSteps(client.doc, topicId)[0]!;
    setStepState(client.doc, topicId, first.id, 'done', { date: '2021-03-02' });
    const itemId = addRectificationItem(client.doc, topicId, {
      content: '加快执行案款发放',
      responsibleBody: '县法院',
      deadline: '2021-09-30',
    });
    advanceTo(client, topicId, itemId, 'handling');

    const rows = await waitFor('the new topic, step and item in the projection', async () => {
      const projected = await projectionOf(PLAN);
      const step = projected.steps.find((row) => row.topicId === topicId && row.stepId === first.id);
      const item = projected.items.find((row) => row.itemId === itemId);
      return step?.state === 'done' && item?.state === 'handling' ? projected : null;
    });
    expect(rows.topics.find((row) => row.topicId === topicId)).toMatchObject({
      title: '县法院执行工作',
      method: 'special_inquiry',
      month: 6,
      orgId: ORG,
      archived: false,
    });
    expect(rows.steps.filter((row) => row.topicId === topicId)).toHaveLength(
      stepTemplateFor('special_inquiry').steps.length,
    );
    expect(rows.steps.find((row) => row.stepId === first.id)).toMatchObject({
      date: '2021-03-02',
      title: first.title.zh,
    });
    expect(rows.items.find((row) => row.itemId === itemId)).toMatchObject({
      content: '加快执行案款发放',
      responsibleBody: '县法院',
      deadline: '2021-09-30',
      orgId: ORG,
    });

    advanceTo(client, topicId, itemId, 'closed');
    const closed = await waitFor('the item to be closed in the projection', async () =>
      (await projectionOf(PLAN)).items.find((row) => row.itemId === itemId && row.state === 'closed'),
    );
    expect(closed.rating).toEqual(PASSING);
    expect(closed.closedBy).toBe(BY.by);
    expect(closed.closedAt).toBeInstanceOf(Date);
  });

  it('shows an archived topic as archived and moved topics in their new places', async () => {
    const client = await connect(PLAN);
    const a = addTopic(client.doc, { title: '老旧小区改造', month: 4 });
    const b = addTopic(client.doc, { title: '义务教育学位', month: 10 });
    addRectificationItem(client.doc, b, { content: '新增学位 2000 个', deadline: '2021-12-31' });
    await settled(client, PLAN, ORG);

    archiveTopic(client.doc, a);
    moveTopic(client.doc, b, { beforeId: client.topics()[0]!.id }, { month: 5 });
    updateTopic(client.doc, b, { leadCommittee: '教科文卫委' });
    const rows = await settled(client, PLAN, ORG);
    const byId = new Map(rows.topics.map((row) => [row.topicId, row]));
    expect(byId.get(a)).toMatchObject({ archived: true, title: '老旧小区改造' });
    expect(byId.get(b)).toMatchObject({
      position: 0,
      month: 5,
      leadCommittee: '教科文卫委',
      archived: false,
    });
    expect(rows.items.filter((row) => row.topicId === b)).toHaveLength(1);
  });

  it('rebuilds exactly the rows that were projected live, after every row was deleted', async () => {
    const client = await connect(PLAN);
    const other = await connect(OTHER_PLAN);
    const topicId = addTopic(client.doc, { title: '优化营商环境', method: 'special_inquiry' });
    applyStepTemplate(client.doc, topicId, stepTemplateFor('special_inquiry'));
    const [, second] = readSteps(client.doc, topicId);
    setStepState(client.doc, topicId, second!.id, 'skipped', { reason: '上年已开展' });
    advanceTo(
      client,
      topicId,
      addRectificationItem(client.doc, topicId, { content: '压减审批时限' }),
      'rated',
    );
    const otherTopic = addTopic(other.doc, { title: '西河区议题' });
    addRectificationItem(other.doc, otherTopic, { content: '西河区事项' });
    await settled(client, PLAN, ORG);
    await settled(other, OTHER_PLAN, OTHER_ORG);

    const { db } = running().server;
    await db.docs.flush();
    const live = canonical(await db.projection.all());
    expect(live.items.length).toBeGreaterThan(0);
    await db.projection.clear();
    expect(await db.projection.isEmpty()).toBe(true);
    expect((await db.projection.all()).steps).toEqual([]);

    const summary = await rebuildProjection(db);
    const rebuilt = canonical(await db.projection.all());
    expect(rebuilt).toEqual(live);
    expect(summary).toMatchObject({
      topics: live.topics.length,
      steps: live.steps.length,
      items: live.items.length,
    });
  });

  it('puts an organisation’s items in the follow-up buckets, and only its own', async () => {
    const client = await connect(PLAN);
    const other = await connect(OTHER_PLAN);
    const today = chinaDateOf(Date.now());
    const topicId = addTopic(client.doc, { title: '整改跟踪议题' });
    const add = (content: string, deadline: string | null) =>
      addRectificationItem(client.doc, topicId, { content, responsibleBody: '县政府', deadline });
    const overdue = add('逾期事项', addDays(today, -10));
    advanceTo(client, topicId, overdue, 'handling');
    const dueNow = add('本月到期事项', today);
    advanceTo(client, topicId, dueNow, 'issued');
    const awaiting = add('待测评事项', null);
    advanceTo(client, topicId, awaiting, 'reported');
    const closed = add('已销号事项', addDays(today, -40));
    advanceTo(client, topicId, closed, 'closed');
    add('起草中事项', null);
    const foreignTopic = addTopic(other.doc, { title: '别的县的议题' });
    const foreign = addRectificationItem(other.doc, foreignTopic, {
      content: '别的县的逾期事项',
      deadline: addDays(today, -10),
    });
    await settled(client, PLAN, ORG);
    await settled(other, OTHER_PLAN, OTHER_ORG);

    const response = await running().editor.fetch(`/api/orgs/${ORG}/follow-up`);
    expect(response.status).toBe(200);
    const body = FollowUpResponse.parse(await response.json());
    expect(body.today).toBe(today);
    const ids = (bucket: keyof Omit<FollowUpResponse, 'today'>) => body[bucket].map((item) => item.itemId);
    expect(ids('overdue')).toContain(overdue);
    expect(ids('dueThisMonth')).toContain(dueNow);
    expect(ids('awaitingRating')).toContain(awaiting);
    expect(ids('closed')).toContain(closed);
    const all = [...ids('overdue'), ...ids('dueThisMonth'), ...ids('awaitingRating'), ...ids('closed')];
    // Each item in one bucket only; drafts without a deadline are nobody's business yet.
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(foreign);
    expect(body.overdue.find((item) => item.itemId === overdue)).toMatchObject({
      planId: PLAN,
      topicTitle: '整改跟踪议题',
      content: '逾期事项',
      responsibleBody: '县政府',
      state: 'handling',
    });
    expect(body.closed.find((item) => item.itemId === closed)?.rating).toEqual(PASSING);
    expect(
      [...body.overdue, ...body.dueThisMonth, ...body.awaitingRating, ...body.closed].every(
        (item) => item.planId === PLAN,
      ),
    ).toBe(true);

    const foreignView = FollowUpResponse.parse(
      await (await running().editor.fetch(`/api/orgs/${OTHER_ORG}/follow-up`)).json(),
    );
    expect(foreignView.overdue.map((item) => item.itemId)).toContain(foreign);
  });

  it('refuses the follow-up of an organisation the caller may not read', async () => {
    // 示范区's editor may not read 东山县's plan: a peer's plan that is not published.
    const peer = await running().signIn('county2.editor');
    const refused = await peer.fetch(`/api/orgs/${ORG}/follow-up`);
    expect(refused.status).toBe(403);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe('forbidden');
    const signedOut = await fetch(`${running().baseUrl}/api/orgs/${ORG}/follow-up`);
    expect(signedOut.status).toBe(401);
    const unknown = await running().editor.fetch(`/api/orgs/no-such-org/follow-up`);
    expect(unknown.status).toBe(404);
  });

  it('tells in the plan history, in Chinese, that a step was done and an item changed state', async () => {
    const client = await connect(PLAN);
    const topicId = addTopic(client.doc, { title: '安全生产法执法检查', method: 'special_inquiry' });
    applyStepTemplate(client.doc, topicId, stepTemplateFor('special_inquiry'));
    const step = readSteps(client.doc, topicId)[0]!;
    await client.drained();
    setStepState(client.doc, topicId, step.id, 'done');
    const itemId = addRectificationItem(client.doc, topicId, { content: '整治重大隐患' });
    advanceTo(client, topicId, itemId, 'handling');
    await settled(client, PLAN, ORG);
    await running().server.db.docs.flush();

    const response = await running().editor.fetch(`/api/plans/${PLAN}/history?limit=50`);
    expect(response.status).toBe(200);
    const { entries } = PlanHistoryResponse.parse(await response.json());
    const sentences = entries.flatMap((entry) => entry.changes.map((change) => change.detail?.zh ?? ''));
    expect(sentences).toContain(`「安全生产法执法检查」的步骤「${step.title.zh}」改为已完成`);
    expect(sentences).toContain('「安全生产法执法检查」新增整改事项「整治重大隐患」');
    expect(sentences).toContain('「安全生产法执法检查」的整改事项「整治重大隐患」状态 已交办 → 办理中');
  });
});

describeEachDialect('relational projection on shutdown', (dialect) => {
  // A delay no test outlasts: only the flush on close can have written the rows.
  const { running, connect, closeAll, restart } = useTestServer(dialect, { projectionDelayMs: 600_000 });

  it('writes the last edits’ rows when the server stops before the projection delay ran out', async () => {
    const client = await connect(PLAN);
    const topicId = addTopic(client.doc, { title: '关停前最后一个议题' });
    await client.drained();
    await waitFor('the server to have the edit', () => running().server.stats.appliedUpdates > 0);
    expect((await running().server.db.projection.plan(PLAN)).topics).toEqual([]);
    closeAll();
    const restarted = await restart();
    const rows = await restarted.server.db.projection.plan(PLAN);
    expect(rows.topics.map((row) => [row.topicId, row.title])).toEqual([[topicId, '关停前最后一个议题']]);
  });
});
