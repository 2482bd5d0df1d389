import { expect, it } from 'vitest';
import {
  addRectificationItem,
  advanceRectificationItem,
  applyTopicTemplates,
  readOpinion,
  readSteps,
  setOpinion,
  setStepState,
  updateTopic,
  type PlanStatus,
  type RectificationDetail,
  type RectificationState,
} from '@yipan/domain';
import {
  AdjustmentResponse,
  DiffResponse,
  ErrorBody,
  LifecycleResponse,
  PlanHistoryResponse,
  ProposalsResponse,
  TransitionResponse,
  VersionsResponse,
} from '@yipan/protocol';
import type { PlanProjection } from '@yipan/db';
import { rebuildProjection } from '@yipan/server';
import type { PlanClient } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/** The demo city's 2022 plan, seeded while it collects proposals. */
const PLAN = 'city-2022';
/** The public proposals of this year: three become topics, one is declined. */
const PUBLIC_PROPOSALS = [
  { title: '城市内涝治理', reason: '去年汛期多处积水', problem: '排水管网老化，易涝点整治慢' },
  { title: '《安全生产法》实施情况', reason: '工贸企业事故多发', problem: '企业主体责任落实不到位' },
  { title: '学前教育普惠', reason: '入园难入园贵', problem: '普惠性幼儿园覆盖率不足' },
  { title: '请求为我小区修路', reason: '门口道路破损', problem: '个人诉求' },
];
const ADJUSTMENT = {
  reason: '根据市委工作安排，城市内涝治理审议时间由6月调整为7月',
  decidedBy: 'council_of_chairs',
  meeting: '第十八次主任会议',
  decidedOn: '2022-05-10',
};

async function call(
  client: SignedIn,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await client.fetch(
    path,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  );
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Order-independent view of a plan's projection, for comparing a live one with a rebuilt one. */
function sorted(projection: PlanProjection): PlanProjection {
  const key = (row: object) => JSON.stringify(row);
  return {
    topics: [...projection.topics].sort((a, b) => key(a).localeCompare(key(b))),
    steps: [...projection.steps].sort((a, b) => key(a).localeCompare(key(b))),
    items: [...projection.items].sort((a, b) => key(a).localeCompare(key(b))),
    links: [...projection.links].sort((a, b) => key(a).localeCompare(key(b))),
    expectations: [...projection.expectations].sort((a, b) => key(a).localeCompare(key(b))),
    declines: [...projection.declines].sort((a, b) => key(a).localeCompare(key(b))),
  };
}

describeEachDialect('a whole year of supervision on one plan', (dialect) => {
  const { running, connect } = useTestServer(dialect);

  it('runs from solicitation to closed rectification items, and the history and the projection show each step', async () => {
    const server = running();
    const admin = await server.signIn('city.admin');
    const viewer = await server.signIn('city.viewer');

    // 征集: the public proposes without signing in.
    for (const proposal of PUBLIC_PROPOSALS) {
      const response = await fetch(`${server.baseUrl}/api/public/plans/${PLAN}/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(proposal),
      });
      expect(response.status).toBe(201);
    }
    const intake = ProposalsResponse.parse((await call(admin, `/api/plans/${PLAN}/proposals`)).body);
    const byTitle = new Map(intake.proposals.map((proposal) => [proposal.title, proposal]));
    for (const { title } of PUBLIC_PROPOSALS) expect(byTitle.get(title)?.source).toBe('public_solicitation');

    // 汇总遴选: three accepted into the plan with their source, one declined with a reason.
    await call(admin, `/api/plans/${PLAN}/transitions`, { to: 'collating', note: '征集截止' });
    const topicIds: string[] = [];
    for (const { title } of PUBLIC_PROPOSALS.slice(0, 3)) {
      const accepted = await call(admin, `/api/plans/${PLAN}/proposals/${byTitle.get(title)?.id}/accept`, {});
      expect(accepted.status).toBe(200);
      const topicId = (accepted.body as { proposal: { topicId: string | null } }).proposal.topicId;
      if (!topicId) throw new Error(`accepting ${title} made no topic`);
      topicIds.push(topicId);
    }
    const declinedId = byTitle.get(PUBLIC_PROPOSALS[3]!.title)?.id;
    expect((await call(admin, `/api/plans/${PLAN}/proposals/${declinedId}/decline`, {})).status).toBe(400);
    expect(
      (
        await call(admin, `/api/plans/${PLAN}/proposals/${declinedId}/decline`, {
          reason: '属个人诉求，转交信访部门',
        })
      ).status,
    ).toBe(200);
    const [flooding, safety, preschool] = topicIds as [string, string, string];

    // The office's client opens the plan and finds the accepted topics, keeping their source.
    const token = await admin.syncToken();
    const office: PlanClient = await connect(PLAN, { token });
    await waitFor('the accepted topics on the board', () =>
      topicIds.every((id) => office.topics().some((topic) => topic.id === id)),
    );
    expect(office.topics().find((topic) => topic.id === safety)?.sources).toContain('public_solicitation');
    updateTopic(office.doc, safety, { method: 'law_inspection', month: 9, leadCommittee: '社会建设委' });
    updateTopic(office.doc, flooding, { month: 6 });
    await office.drained();

    // 征求意见, 报党委审定, 审议通过: a viewer may not approve; skipping a status is refused.
    await call(admin, `/api/plans/${PLAN}/transitions`, { to: 'consulting_bodies', note: '送一府一委两院' });
    await call(admin, `/api/plans/${PLAN}/transitions`, { to: 'party_review', note: '报市委' });
    const byViewer = await call(viewer, `/api/plans/${PLAN}/transitions`, { to: 'approved' });
    expect(byViewer.status).toBe(403);
    const skipping = await call(admin, `/api/plans/${PLAN}/transitions`, { to: 'executing' });
    expect(ErrorBody.parse(skipping.body).error.code).toBe('skips_status');
    const approval = TransitionResponse.parse(
      (await call(admin, `/api/plans/${PLAN}/transitions`, { to: 'approved', note: '主任会议通过' })).body,
    );
    expect(approval.version?.kind).toBe('approved');
    const versions = VersionsResponse.parse((await call(admin, `/api/plans/${PLAN}/versions`)).body).versions;
    expect(versions.map((version) => version.kind)).toContain('approved');
    for (const to of ['published', 'executing'] satisfies PlanStatus[])
      expect((await call(admin, `/api/plans/${PLAN}/transitions`, { to, note: '' })).status).toBe(200);

    // 计划调整: without a reason nothing opens; with one, the month moves and the difference shows it.
    expect((await call(admin, `/api/plans/${PLAN}/adjustments`, { ...ADJUSTMENT, reason: '' })).status).toBe(
      400,
    );
    const opened = AdjustmentResponse.parse(
      (await call(admin, `/api/plans/${PLAN}/adjustments`, ADJUSTMENT)).body,
    ).adjustment;
    updateTopic(office.doc, flooding, { month: 7 });
    await office.drained();
    await waitFor('the adjusted month at the server', async () => {
      const diff = DiffResponse.parse((await call(admin, `/api/plans/${PLAN}/diff`)).body);
      return diff.diffs.some((d) => d.topicId === flooding && d.changes.some((c) => c.field === 'month'));
    });
    const closed = AdjustmentResponse.parse(
      (await call(admin, `/api/plans/${PLAN}/adjustments/${opened.id}/close`, {})).body,
    ).adjustment;
    expect(closed.changes).toEqual([
      expect.objectContaining({
        topicId: flooding,
        kind: 'changed',
        changes: [expect.objectContaining({ field: 'month', before: 6, after: 7 })],
      }),
    ]);
    const lifecycle = LifecycleResponse.parse((await call(admin, `/api/plans/${PLAN}/lifecycle`)).body);
    expect(lifecycle.log.map((entry) => entry.to)).toEqual([
      'collating',
      'consulting_bodies',
      'party_review',
      'approved',
      'published',
      'executing',
    ]);

    // 执法检查九步递进: the inspection's steps are executed to done in the executing plan.
    applyTopicTemplates(office.doc, safety);
    const steps = readSteps(office.doc, safety);
    expect(steps).toHaveLength(9);
    for (const step of steps) setStepState(office.doc, safety, step.id, 'done');
    expect(readSteps(office.doc, safety).every((step) => step.state === 'done')).toBe(true);

    // 审议意见: two items issued, handled, reported, rated; one fails, is reopened, handled again and closed.
    setOpinion(office.doc, safety, { text: '建议进一步压实企业安全生产主体责任。' });
    const items = [
      addRectificationItem(office.doc, safety, {
        content: '开展工贸企业重大事故隐患专项整治',
        responsibleBody: '市应急管理局',
        deadline: '2022-12-31',
      }),
      addRectificationItem(office.doc, safety, {
        content: '完善安全生产举报奖励制度',
        responsibleBody: '市应急管理局',
        deadline: '2022-12-31',
      }),
    ] as const;
    let at = Date.parse('2022-10-01T08:00:00Z');
    const move = (itemId: string, to: RectificationState, detail: Partial<RectificationDetail> = {}) =>
      advanceRectificationItem(office.doc, safety, itemId, to, {
        at: (at += 60_000),
        by: '市人大社会建设委',
        ...detail,
      });
    for (const itemId of items)
      for (const to of ['chairs_approved', 'issued', 'handling', 'reported'] satisfies RectificationState[])
        move(itemId, to);
    move(items[0], 'rated', { rating: { satisfied: 40, basicallySatisfied: 10, unsatisfied: 10 } });
    move(items[1], 'rated', { rating: { satisfied: 10, basicallySatisfied: 10, unsatisfied: 40 } });
    move(items[1], 'reopened', { note: '满意率低于60%，重新办理' });
    move(items[1], 'handling');
    move(items[1], 'reported');
    move(items[1], 'rated', { rating: { satisfied: 45, basicallySatisfied: 10, unsatisfied: 5 } });
    for (const itemId of items) {
      move(itemId, 'tracking');
      move(itemId, 'closed', { evidence: '现场检查台账齐全', closedBy: '市人大代表视察组' });
    }
    expect(readOpinion(office.doc, safety)?.items.map((item) => item.state)).toEqual(['closed', 'closed']);
    await office.drained();

    // The projection follows the document: every step done, both items closed, the preschool topic in place.
    await waitFor('the projection of the year', async () => {
      const rows = await server.server.db.projection.plan(PLAN);
      return (
        rows.steps.filter((step) => step.topicId === safety && step.state === 'done').length === 9 &&
        rows.items.filter((item) => item.state === 'closed').length === 2 &&
        rows.topics.some((topic) => topic.topicId === preschool) &&
        rows.topics.some((topic) => topic.topicId === flooding && topic.month === 7)
      );
    });

    // The history tells the year in Chinese: transitions, the adjustment, the steps and the items.
    await server.server.db.docs.flush();
    const history = PlanHistoryResponse.parse(
      (await call(admin, `/api/plans/${PLAN}/history?limit=200`)).body,
    );
    const sentences = history.entries.flatMap((entry) =>
      entry.changes.map((change) => change.detail?.zh ?? ''),
    );
    const says = (fragment: string) => sentences.some((sentence) => sentence.includes(fragment));
    expect(says('审议通过')).toBe(true);
    expect(says(ADJUSTMENT.reason)).toBe(true);
    expect(says('改为已完成')).toBe(true);
    expect(says('新增整改事项「完善安全生产举报奖励制度」')).toBe(true);
    expect(says('已测评 → 重新办理')).toBe(true);

    // And the projection rebuilt from the documents alone is the same as the live one.
    const live = sorted(await server.server.db.projection.plan(PLAN));
    await server.server.db.projection.clear();
    await rebuildProjection(server.server.db);
    expect(sorted(await server.server.db.projection.plan(PLAN))).toEqual(live);
  });
});
