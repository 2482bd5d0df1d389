import { expect, it } from 'vitest';
import {
  addRectificationItem,
  advanceRectificationItem,
  applyStepTemplate,
  readSteps,
  setStepState,
  stepTemplateFor,
  type RectificationState,
} from '@yipan/domain';
import {
  AlignmentResponse,
  AnswerResponse,
  DashboardResponse,
  ErrorBody,
  type DashboardOrg,
} from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const YEAR = 2021;
const CITY_PLAN = 'city-2021';
/** The city topic the suite makes joint (not joint in the demo): a law-enforcement inspection in November. */
const JOINT_TOPIC = 'city-2021-work-safety';
/** Before the joint topic's month, so a county that adopts it (and so its month) is late. */
const NEEDED_BY = '2021-06-30';
/** The city's direct children in the tree's order, with their names as the dashboard shows them. */
const COUNTIES = [
  { orgId: 'county-1', name: '示范县' },
  { orgId: 'county-2', name: '示范区' },
  { orgId: 'county-3', name: '东山县' },
  { orgId: 'county-4', name: '西河区' },
];
/** An item's usual path to closing, rated on the way. */
const TO_CLOSED: RectificationState[] = [
  'chairs_approved',
  'issued',
  'handling',
  'reported',
  'rated',
  'tracking',
  'closed',
];
const PASSING = { satisfied: 40, basicallySatisfied: 5, unsatisfied: 1 };

describeEachDialect('dashboard', (dialect) => {
  const { running, connect } = useTestServer(dialect);

  async function dashboard(as: SignedIn, orgId: string, year?: number): Promise<DashboardResponse> {
    const response = await as.fetch(`/api/orgs/${orgId}/dashboard${year ? `?year=${year}` : ''}`);
    expect(response.status).toBe(200);
    return DashboardResponse.parse(await response.json());
  }

  async function refusal(path: string, as?: SignedIn) {
    const response = as ? await as.fetch(path) : await fetch(`${running().baseUrl}${path}`);
    return { status: response.status, code: ErrorBody.parse(await response.json()).error.code };
  }

  /** The figures computed from the projected rows of the plans, independently of the endpoint. */
  async function expectedFigures(planIds: readonly string[]) {
    const { projection } = running().server.db;
    const byMethod: Record<string, number> = {};
    const bySupervisedBody: Record<string, number> = {};
    const byMonth: Record<number, number> = {};
    const perPlan = new Map<string, { topics: number; itemsTotal: number; itemsClosed: number }>();
    for (const planId of planIds) {
      const rows = await projection.plan(planId);
      const live = rows.topics.filter((topic) => !topic.archived);
      const liveIds = new Set(live.map((topic) => topic.topicId));
      for (const topic of live) {
        byMethod[topic.method] = (byMethod[topic.method] ?? 0) + 1;
        bySupervisedBody[topic.supervisedBody] = (bySupervisedBody[topic.supervisedBody] ?? 0) + 1;
        byMonth[topic.month ?? 0] = (byMonth[topic.month ?? 0] ?? 0) + 1;
      }
      const items = rows.items.filter((item) => liveIds.has(item.topicId));
      perPlan.set(planId, {
        topics: live.length,
        itemsTotal: items.length,
        itemsClosed: items.filter((item) => item.state === 'closed').length,
      });
    }
    return { byMethod, bySupervisedBody, byMonth, perPlan };
  }

  const asRecord = (tally: readonly { key: string | number; count: number }[]) =>
    Object.fromEntries(tally.map(({ key, count }) => [key, count]));

  const orgOf = (body: DashboardResponse, orgId: string): DashboardOrg => {
    const org = body.orgs.find((row) => row.orgId === orgId);
    if (!org) throw new Error(`${orgId} is not on the dashboard`);
    return org;
  };

  it("counts the city's and its counties' topics and items as their plans hold them", async () => {
    const cityEditor = await running().signIn('city.editor');
    const body = await dashboard(cityEditor, 'city', YEAR);
    expect(body.year).toBe(YEAR);
    expect(body.planId).toBe(CITY_PLAN);
    expect(body.years).toEqual([2022, 2021]);

    const planIds = [CITY_PLAN, ...COUNTIES.map(({ orgId }) => `${orgId}-${YEAR}`)];
    const expected = await expectedFigures(planIds);
    expect(asRecord(body.byMethod)).toEqual(expected.byMethod);
    expect(asRecord(body.bySupervisedBody)).toEqual(expected.bySupervisedBody);
    // Every month has its bar, empty ones too, and topics without a month count under 0 (未定).
    expect(body.byMonth.map(({ key }) => key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0]);
    for (const { key, count } of body.byMonth) expect(count, `month ${key}`).toBe(expected.byMonth[key] ?? 0);
    const total = [...expected.perPlan.values()].reduce((sum, plan) => sum + plan.topics, 0);
    expect(body.byMethod.reduce((sum, entry) => sum + entry.count, 0)).toBe(total);
    expect(total).toBeGreaterThan(10);

    expect(body.orgs.map(({ orgId, name }) => ({ orgId, name }))).toEqual([
      { orgId: 'city', name: '示范市' },
      ...COUNTIES,
    ]);
    for (const org of body.orgs) {
      const planId = `${org.orgId}-${YEAR}`;
      expect(org.planId).toBe(planId);
      expect({ topics: org.topics, itemsTotal: org.itemsTotal, itemsClosed: org.itemsClosed }).toEqual(
        expected.perPlan.get(planId),
      );
    }
    expect(orgOf(body, 'city').coverage).toBeNull();

    // The joint topics are the city's topics marked joint, and each county's coverage is its matrix column.
    const cityRows = await running().server.db.projection.plan(CITY_PLAN);
    const jointIds = cityRows.topics
      .filter((topic) => topic.joint && !topic.archived)
      .map((topic) => topic.topicId);
    expect(body.jointTopics.map((topic) => topic.topicId)).toEqual(jointIds);
    expect(jointIds.length).toBeGreaterThan(0);
    const alignment = AlignmentResponse.parse(
      await (await cityEditor.fetch(`/api/plans/${CITY_PLAN}/alignment`)).json(),
    );
    for (const { orgId } of COUNTIES)
      expect(orgOf(body, orgId).coverage).toEqual(
        alignment.matrix.columns.find((column) => column.orgId === orgId)?.coverage,
      );
    for (const topic of body.jointTopics) {
      const row = alignment.matrix.rows.find((candidate) => candidate.topicId === topic.topicId);
      expect(topic).toEqual({
        topicId: row?.topicId,
        title: row?.title,
        coverage: row?.coverage,
        rollup: row?.rollup,
      });
    }
  });

  it('opens on the newest year the caller may read', async () => {
    const cityEditor = await running().signIn('city.editor');
    const body = await dashboard(cityEditor, 'city');
    expect(body).toMatchObject({ year: 2022, planId: 'city-2022' });
    const county = await dashboard(await running().signIn('county.editor'), 'county-1');
    expect(county).toMatchObject({ year: YEAR, planId: 'county-1-2021', years: [YEAR] });
  });

  it("shows a county its parent's dashboard with only the children it may read", async () => {
    const countyEditor = await running().signIn('county.editor');
    // The city's 2022 plan is still soliciting, not public: the county reads it as the city's child.
    expect((await dashboard(countyEditor, 'city', 2022)).planId).toBe('city-2022');

    const body = await dashboard(countyEditor, 'city', YEAR);
    // 示范区's plan is approved but not published, and the other counties are still soliciting: not theirs to see.
    expect(body.orgs.map((org) => org.orgId)).toEqual(['city', 'county-1']);
    const expected = await expectedFigures([CITY_PLAN, 'county-1-2021']);
    expect(asRecord(body.byMethod)).toEqual(expected.byMethod);
    expect(asRecord(body.bySupervisedBody)).toEqual(expected.bySupervisedBody);
  });

  it('refuses the signed-out, unknown organisations and callers without read', async () => {
    expect(await refusal('/api/orgs/city/dashboard')).toEqual({ status: 401, code: 'unauthenticated' });
    const cityEditor = await running().signIn('city.editor');
    expect(await refusal('/api/orgs/no-such-org/dashboard', cityEditor)).toEqual({
      status: 404,
      code: 'org_not_found',
    });
    expect((await refusal('/api/orgs/city/dashboard?year=soon', cityEditor)).status).toBe(400);
    // A peer county, a township of another county, and a deputy (who never reads children): 示范区 is not public.
    for (const username of ['county.editor', 'township.editor', 'city.deputy']) {
      const refused = await refusal('/api/orgs/county-2/dashboard', await running().signIn(username));
      expect(refused, username).toEqual({ status: 403, code: 'forbidden' });
    }
    // A year without a plan is judged as an unpublished plan: still the city's own, still not a peer's.
    expect((await dashboard(cityEditor, 'city', 2030)).planId).toBeNull();
    expect(
      await refusal('/api/orgs/county-2/dashboard?year=2030', await running().signIn('county.editor')),
    ).toEqual({ status: 403, code: 'forbidden' });
  });

  it("rolls a joint topic's answers, progress and late schedules up as the counties answer", async () => {
    const { db } = running().server;
    // The demo plans are approved or executing; their content changes without an adjustment while collating.
    for (const planId of [CITY_PLAN, 'county-1-2021', 'county-2-2021'])
      await db.plans.setStatus(planId, 'collating');
    const cityEditor = await running().signIn('city.editor');
    const unjoint = await dashboard(cityEditor, 'city', YEAR);
    expect(unjoint.jointTopics.map((topic) => topic.topicId)).not.toContain(JOINT_TOPIC);
    const joint = await cityEditor.fetch(`/api/plans/${CITY_PLAN}/topics/${JOINT_TOPIC}/joint`, {
      method: 'PUT',
      body: JSON.stringify({
        joint: true,
        expectations: {
          'county-1': { level: 'required', neededBy: NEEDED_BY },
          'county-2': { level: 'recommended', neededBy: null },
          'county-3': { level: 'not_applicable', neededBy: null },
        },
      }),
    });
    expect(joint.status).toBe(200);
    const before = await dashboard(cityEditor, 'city', YEAR);
    const jointTopic = (body: DashboardResponse) =>
      body.jointTopics.find((topic) => topic.topicId === JOINT_TOPIC);
    expect(jointTopic(before)).toEqual({
      topicId: JOINT_TOPIC,
      title: '开展《中华人民共和国安全生产法》实施情况执法检查',
      coverage: { expected: 2, linkedExpected: 0, linked: 0, declined: 0, notAnswered: 2 },
      rollup: { stepsTotal: 0, stepsFinished: 0, itemsTotal: 0, itemsClosed: 0, itemsRated: 0, conflicts: 0 },
    });
    /** How a county's coverage moved since the topic was made joint. */
    const moved = (body: DashboardResponse, orgId: string) => {
      const now = orgOf(body, orgId).coverage;
      const then = orgOf(before, orgId).coverage;
      if (!now || !then) throw new Error(`${orgId} has no coverage`);
      return {
        expected: now.expected - (orgOf(unjoint, orgId).coverage?.expected ?? 0),
        linkedExpected: now.linkedExpected - then.linkedExpected,
        declined: now.declined - then.declined,
        notAnswered: now.notAnswered - then.notAnswered,
      };
    };
    expect(moved(before, 'county-1')).toEqual({
      expected: 1,
      linkedExpected: 0,
      declined: 0,
      notAnswered: 0,
    });
    expect(moved(before, 'county-3')).toEqual({
      expected: 0,
      linkedExpected: 0,
      declined: 0,
      notAnswered: 0,
    });

    // 示范县 adopts the topic (and so its month, November, after the city's 30 June); 示范区 declines it.
    const adopted = await (
      await running().signIn('county.editor')
    ).fetch('/api/plans/county-1-2021/answers', {
      method: 'POST',
      body: JSON.stringify({ answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: JOINT_TOPIC }),
    });
    expect(adopted.status).toBe(201);
    const { topicId } = AnswerResponse.parse(await adopted.json());
    if (!topicId) throw new Error('adopting made no topic');
    const declined = await (
      await running().signIn('county2.editor')
    ).fetch('/api/plans/county-2-2021/answers', {
      method: 'POST',
      body: JSON.stringify({
        answer: 'decline',
        parentPlanId: CITY_PLAN,
        parentTopicId: JOINT_TOPIC,
        reason: '本年度已开展',
      }),
    });
    expect(declined.status).toBe(200);

    const answered = await dashboard(cityEditor, 'city', YEAR);
    expect(jointTopic(answered)?.coverage).toEqual({
      expected: 2,
      linkedExpected: 1,
      linked: 1,
      declined: 1,
      notAnswered: 0,
    });
    expect(jointTopic(answered)?.rollup.conflicts).toBe(1);
    expect(orgOf(answered, 'county-1').topics).toBe(orgOf(before, 'county-1').topics + 1);
    expect(moved(answered, 'county-1')).toEqual({
      expected: 1,
      linkedExpected: 1,
      declined: 0,
      notAnswered: -1,
    });
    expect(moved(answered, 'county-2')).toEqual({
      expected: 1,
      linkedExpected: 0,
      declined: 1,
      notAnswered: -1,
    });
    expect(asRecord(answered.byMethod).law_inspection).toBe(
      (asRecord(before.byMethod).law_inspection ?? 0) + 1,
    );

    // The county works its topic: a step done, two items of which one rated and closed.
    const county = await connect('county-1-2021');
    applyStepTemplate(county.doc, topicId, stepTemplateFor('law_inspection'));
    const steps = readSteps(county.doc, topicId);
    setStepState(county.doc, topicId, steps[0]!.id, 'done', { date: '2021-11-10' });
    addRectificationItem(county.doc, topicId, {
      content: '完善企业安全生产标准化建设',
      deadline: '2021-12-31',
    });
    const closing = addRectificationItem(county.doc, topicId, { content: '整治重大事故隐患' });
    for (const state of TO_CLOSED)
      advanceRectificationItem(county.doc, topicId, closing, state, {
        by: '示范县人大办 孙丽',
        at: Date.now(),
        ...(state === 'rated' ? { rating: PASSING } : {}),
      });
    const rollup = {
      stepsTotal: steps.length,
      stepsFinished: 1,
      itemsTotal: 2,
      itemsClosed: 1,
      itemsRated: 1,
      conflicts: 1,
    };
    const worked = await waitFor('the roll-up to count the county’s progress', async () => {
      const body = await dashboard(cityEditor, 'city', YEAR);
      return JSON.stringify(jointTopic(body)?.rollup) === JSON.stringify(rollup) ? body : null;
    });
    expect(steps.length).toBeGreaterThan(1);
    expect(orgOf(worked, 'county-1')).toMatchObject({
      itemsTotal: orgOf(answered, 'county-1').itemsTotal + 2,
      itemsClosed: orgOf(answered, 'county-1').itemsClosed + 1,
    });
    const expected = await expectedFigures(['county-1-2021']);
    expect(orgOf(worked, 'county-1')).toMatchObject(expected.perPlan.get('county-1-2021') ?? {});
  });
});
