import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRectificationItem,
  addTopic,
  advanceRectificationItem,
  applyStepTemplate,
  DEFAULT_STEP_TEMPLATES,
  getTopic,
  listTopics,
  planDocName,
  readLinks,
  readSteps,
  readTopicJoint,
  setStepState,
  updateTopic,
  type CellState,
  type Coverage,
  type NewTopic,
  type RectificationState,
} from '@yipan/domain';
import {
  AlignmentResponse,
  AlignmentRowResponse,
  AnswerResponse,
  ErrorBody,
  LifecycleResponse,
  NotificationsResponse,
  ReadReceiptResponse,
  ReminderResponse,
  UpstreamResponse,
  type Notification,
} from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import {
  CITY,
  COUNTY_IDS,
  countyId,
  FROZEN_COUNTY,
  OTHER_CITY,
  PLANLESS_COUNTY,
  planIdOf,
  seedChessboard,
  townshipId,
  userIdOf,
} from '../support/chessboardFixture';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

/*
 * Issue 6's acceptance: one chessboard over a city of 20 counties × 3 townships. Real server, real
 * y-websocket clients for what users edit on the board, real socket.io clients for what they hear, and
 * exact cell states, coverage and recipients.
 */

const CITY_PLAN = planIdOf(CITY);
const cityTopic = (index: number) => `ac-t${index}`;
const CITY_TOPICS = 10;
/** What the city expects its joint topic T0 by: a county topic scheduled after June is late. */
const T0_NEEDED_BY = '2021-06-30';
/** Quiet time before a changed plan is projected: short, so live checks do not wait on the default 200 ms. */
const PROJECTION_DELAY_MS = 20;
/** The promise: the city's matrix hears of a county's adoption within a second. */
const LIVE_LIMIT_MS = 1000;
/** Time given to a notification that must not arrive, after the ones that must have. */
const SETTLE_MS = 300;

const county = (index: number) => countyId(index);
const countyPlan = (index: number) => planIdOf(countyId(index));
const editorOf = (orgId: string) => `${orgId}.editor`;

type Reply = { status: number; body: unknown };

function codeOf(reply: Reply): string {
  return ErrorBody.parse(reply.body).error.code;
}

const coverage = (
  expected: number,
  linkedExpected: number,
  linked: number,
  declined: number,
  notAnswered: number,
): Coverage => ({ expected, linkedExpected, linked, declined, notAnswered });

describeEachDialect('one chessboard: a city of 20 counties × 3 townships', (dialect) => {
  const { running, connect } = useTestServer(dialect, { projectionDelayMs: PROJECTION_DELAY_MS });
  const sessions = new Map<string, SignedIn>();
  const boards = new Map<string, BoardSocket>();
  /** Notifications each watched user's sockets received, by username. */
  const heard = new Map<string, Notification[]>();
  /** When the city's watcher heard `plan:alignment` for the city plan. */
  const cityAlignmentEvents: number[] = [];
  /** Topics the counties answered with, by `county/parentTopic`. */
  const answered = new Map<string, string>();

  async function as(username: string): Promise<SignedIn> {
    const existing = sessions.get(username);
    if (existing) return existing;
    const client = await running().signIn(username);
    sessions.set(username, client);
    return client;
  }

  async function call(username: string | null, method: string, path: string, body?: unknown): Promise<Reply> {
    const init: RequestInit = { method, ...(body !== undefined && { body: JSON.stringify(body) }) };
    const response = username
      ? await (await as(username)).fetch(path, init)
      : await fetch(`${running().baseUrl}${path}`, {
          ...init,
          headers: { 'content-type': 'application/json', origin: running().baseUrl },
        });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  /** A y-websocket client of `planId` signed in as `username`. */
  async function board(username: string, planId: string) {
    return connect(planId, { token: await (await as(username)).syncToken() });
  }

  /** The plan's document as stored (log replayed), for checks that must not trust any client. */
  async function storedDoc(planId: string): Promise<Y.Doc> {
    const { db } = running().server;
    await db.docs.flush();
    const doc = new Y.Doc();
    for (const entry of await db.docs.history(planDocName(planId))) Y.applyUpdate(doc, entry.update);
    return doc;
  }

  /** Everything a refused request must leave as it was: the log's length and every topic with its links and joint. */
  async function stateOf(planId: string): Promise<string> {
    const { db } = running().server;
    await db.docs.flush();
    const doc = await storedDoc(planId);
    const topics = listTopics(doc, { includeArchived: true }).map((topic) => ({
      ...topic,
      links: readLinks(doc, topic.id),
      joint: readTopicJoint(doc, topic.id),
    }));
    const state = JSON.stringify({ updates: (await db.docs.history(planDocName(planId))).length, topics });
    doc.destroy();
    return state;
  }

  /** Waits until the server has stored a topic a board client added (REST reads the server's document). */
  async function untilStored(planId: string, topicId: string): Promise<void> {
    await waitFor(`topic ${topicId} to be stored`, async () => {
      const doc = await storedDoc(planId);
      const found = getTopic(doc, topicId) !== null;
      doc.destroy();
      return found;
    });
  }

  async function matrix(planId: string, username = 'ac.viewer') {
    const reply = await call(username, 'GET', `/api/plans/${planId}/alignment`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return AlignmentResponse.parse(reply.body).matrix;
  }

  /** One row's cells in full, as the matrix's tooltip reads them. */
  async function rowCells(planId: string, topicId: string, username = 'ac.viewer') {
    const reply = await call(username, 'GET', `/api/plans/${planId}/alignment/rows/${topicId}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return AlignmentRowResponse.parse(reply.body).cells;
  }

  async function answer(username: string, planId: string, body: Record<string, unknown>): Promise<Reply> {
    return call(username, 'POST', `/api/plans/${planId}/answers`, { parentPlanId: CITY_PLAN, ...body });
  }

  /** Adopts a city topic for a county and remembers the new topic. */
  async function adopt(countyIndex: number, parentTopicId: string): Promise<string> {
    const reply = await answer(editorOf(county(countyIndex)), countyPlan(countyIndex), {
      answer: 'adopt',
      parentTopicId,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const topicId = AnswerResponse.parse(reply.body).topicId;
    if (!topicId) throw new Error('adopt answered without a topic');
    answered.set(`${county(countyIndex)}/${parentTopicId}`, topicId);
    return topicId;
  }

  function answerOf(countyIndex: number, parentTopicId: string): string {
    const topicId = answered.get(`${county(countyIndex)}/${parentTopicId}`);
    if (!topicId) throw new Error(`county ${countyIndex} did not answer ${parentTopicId}`);
    return topicId;
  }

  async function notificationsOf(username: string): Promise<Notification[]> {
    const reply = await call(username, 'GET', '/api/notifications?limit=100');
    expect(reply.status).toBe(200);
    return NotificationsResponse.parse(reply.body).notifications;
  }

  /** Stored notifications of a user, of one kind, straight from the store (for the users without a socket). */
  async function storedKinds(username: string, kind: string) {
    const rows = await running().server.db.notifications.list(userIdOf(username), { limit: 200 });
    return rows.filter((row) => row.kind === kind);
  }

  const heardKinds = (username: string, kind: string) =>
    (heard.get(username) ?? []).filter((notification) => notification.kind === kind);

  beforeAll(async () => {
    await seedChessboard(running().server.db);
    for (const username of [
      'ac.editor',
      'ac.viewer',
      `${county(1)}.editor`,
      `${county(1)}.viewer`,
      `${townshipId(1, 1)}.editor`,
      'oc.editor',
    ]) {
      const socket = await connectBoardSocket(running().baseUrl, {
        token: await (await as(username)).syncToken(),
      });
      if (!socket.ok) throw new Error(`board refused ${username}: ${socket.code}`);
      heard.set(username, []);
      socket.socket.on('notification:new', ({ notification }) => heard.get(username)?.push(notification));
      boards.set(username, socket.socket);
    }
    const watcher = boards.get('ac.viewer');
    watcher?.on('plan:alignment', ({ planId }) => {
      if (planId === CITY_PLAN) cityAlignmentEvents.push(performance.now());
    });
    expect(await watcher?.emitWithAck('plan:watch', { planId: CITY_PLAN })).toEqual({ ok: true });

    // The city office writes its plan on the board: ten topics, T0–T2 to become joint.
    const city = await board('ac.editor', CITY_PLAN);
    for (let index = 0; index < CITY_TOPICS; index += 1) {
      const topic: NewTopic = {
        title: `联动市议题${index}`,
        method: index === 0 ? 'law_inspection' : 'special_report',
        supervisedBody: 'gov',
        leadCommittee: '法制委员会',
        month: index + 5 > 12 ? 12 : index + 5,
      };
      addTopic(city.doc, topic, { id: cityTopic(index) });
    }
    await city.drained();
    await waitFor(
      'the city plan to be projected',
      async () => (await running().server.db.projection.topicSummaries([CITY_PLAN])).length === CITY_TOPICS,
    );
    city.close();
  });

  afterAll(() => {
    for (const socket of boards.values()) socket.disconnect();
  });

  it('marks topics joint, takes answers of every kind, and the matrix shows each cell exactly', async () => {
    const everyCounty = (level: 'required' | 'recommended') =>
      Object.fromEntries(COUNTY_IDS.map((orgId) => [orgId, { level, neededBy: T0_NEEDED_BY }]));
    const t1Expectations = Object.fromEntries(
      COUNTY_IDS.map((orgId, index) => [
        orgId,
        { level: index < 10 ? 'required' : index < 19 ? 'recommended' : 'not_applicable', neededBy: null },
      ]),
    );
    const t2Expectations = Object.fromEntries(
      [1, 2, 3].map((index) => [county(index), { level: 'recommended', neededBy: null }]),
    );
    for (const [topicId, expectations] of [
      [cityTopic(0), everyCounty('required')],
      [cityTopic(1), t1Expectations],
      [cityTopic(2), t2Expectations],
    ] as const) {
      const reply = await call('ac.editor', 'PUT', `/api/plans/${CITY_PLAN}/topics/${topicId}/joint`, {
        joint: true,
        expectations,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    const cityBefore = await stateOf(CITY_PLAN);

    // Adopt: the county's document really holds a new topic copied from the city's, linked as primary.
    const adopted = await adopt(1, cityTopic(0));
    const doc = await storedDoc(countyPlan(1));
    expect(getTopic(doc, adopted)).toMatchObject({
      title: '联动市议题0',
      method: 'law_inspection',
      month: 5,
      supervisedBody: 'gov',
      leadCommittee: '法制委员会',
      sources: ['upper_level_linkage'],
    });
    expect(readLinks(doc, adopted)).toEqual([
      {
        kind: 'topic',
        parentPlanId: CITY_PLAN,
        parentTopicId: cityTopic(0),
        mode: 'joint',
        contributes: true,
        primary: true,
      },
    ]);
    doc.destroy();
    for (const index of [2, 3, 8]) await adopt(index, cityTopic(0));
    for (const index of [1, 11]) await adopt(index, cityTopic(1));

    // Link: county 4 links a topic it already had; county 3 links its own topic to a topic that is not joint.
    const local4 = await board(editorOf(county(4)), countyPlan(4));
    const own4 = addTopic(local4.doc, { title: '本县执法检查', method: 'law_inspection', month: 4 });
    const unlinked4 = addTopic(local4.doc, { title: '本县本级议题', method: 'visit', month: 3 });
    await local4.drained();
    await untilStored(countyPlan(4), unlinked4);
    const local3 = await board(editorOf(county(3)), countyPlan(3));
    const own3 = addTopic(local3.doc, { title: '县级计划执行', method: 'plan_exec', month: 8 });
    await local3.drained();
    await untilStored(countyPlan(3), own3);
    const linked = await answer(editorOf(county(4)), countyPlan(4), {
      answer: 'link',
      parentTopicId: cityTopic(0),
      topicId: own4,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(AnswerResponse.parse(linked.body).topicId).toBe(own4);
    const referenced = await answer(editorOf(county(3)), countyPlan(3), {
      answer: 'link',
      parentTopicId: cityTopic(5),
      topicId: own3,
      mode: 'reference',
    });
    expect(referenced.status, JSON.stringify(referenced.body)).toBe(200);

    // Decline with a reason; decline then withdraw; a frozen plan declines but cannot adopt.
    const decline = (index: number, parentTopicId: string, reason: string) =>
      answer(editorOf(county(index)), countyPlan(index), { answer: 'decline', parentTopicId, reason });
    expect((await decline(5, cityTopic(0), '本县已于2020年开展同类检查')).status).toBe(200);
    expect((await decline(12, cityTopic(0), '本区无执法检查力量')).status).toBe(200);
    expect((await decline(12, cityTopic(1), '本区无相关单位')).status).toBe(200);
    expect((await decline(6, cityTopic(0), '误点')).status).toBe(200);
    const withdrawn = await answer(editorOf(county(6)), countyPlan(6), {
      answer: 'withdraw',
      parentTopicId: cityTopic(0),
    });
    expect(withdrawn.status).toBe(200);
    expect(AnswerResponse.parse(withdrawn.body).topicId).toBeNull();

    const frozenPlan = planIdOf(FROZEN_COUNTY);
    const frozenBefore = await stateOf(frozenPlan);
    const frozenAdopt = await answer(editorOf(FROZEN_COUNTY), frozenPlan, {
      answer: 'adopt',
      parentTopicId: cityTopic(0),
    });
    expect(frozenAdopt.status).toBe(409);
    expect(codeOf(frozenAdopt)).toBe('adjustment_required');
    expect(await stateOf(frozenPlan), 'a refused adoption wrote nothing').toBe(frozenBefore);
    expect((await decline(18, cityTopic(0), '计划已批准，年内不再调整')).status).toBe(200);

    // Progress, on the counties' boards: 1 closes every rectification item, 2 is under way, 3 is done, 8 moves late.
    const progress = async (index: number, act: (doc: Y.Doc, topicId: string) => void) => {
      const client = await board(editorOf(county(index)), countyPlan(index));
      const topicId = answerOf(index, cityTopic(0));
      applyStepTemplate(client.doc, topicId, DEFAULT_STEP_TEMPLATES.law_inspection);
      act(client.doc, topicId);
      await client.drained();
    };
    await progress(1, (doc, topicId) => {
      const item = addRectificationItem(doc, topicId, {
        content: '执行难问题整改',
        responsibleBody: '县法院',
      });
      let at = Date.parse('2021-11-01T00:00:00Z');
      const path: RectificationState[] = [
        'chairs_approved',
        'issued',
        'handling',
        'reported',
        'rated',
        'tracking',
        'closed',
      ];
      for (const to of path)
        advanceRectificationItem(doc, topicId, item, to, {
          at: (at += 60_000),
          by: '县人大法制委',
          ...(to === 'rated' && { rating: { satisfied: 30, basicallySatisfied: 5, unsatisfied: 1 } }),
        });
    });
    let stepsTotal = 0;
    await progress(2, (doc, topicId) => {
      const [first, second] = readSteps(doc, topicId);
      stepsTotal = readSteps(doc, topicId).length;
      if (!first || !second) throw new Error('the template has fewer than two steps');
      setStepState(doc, topicId, first.id, 'done', { date: '2021-04-01' });
      setStepState(doc, topicId, second.id, 'in_progress');
    });
    expect(stepsTotal).toBeGreaterThan(2);
    await progress(3, (doc, topicId) => {
      for (const step of readSteps(doc, topicId))
        setStepState(doc, topicId, step.id, 'done', { date: '2021-05-01' });
    });
    await progress(8, (doc, topicId) => updateTopic(doc, topicId, { month: 9 }));

    const expectedRow0: Record<string, CellState> = Object.fromEntries(
      COUNTY_IDS.map((orgId): [string, CellState] => [orgId, 'not_answered']),
    );
    Object.assign(expectedRow0, {
      [county(1)]: 'closed',
      [county(2)]: 'in_progress',
      [county(3)]: 'done',
      [county(4)]: 'planned',
      [county(5)]: 'declined',
      [county(8)]: 'planned',
      [county(12)]: 'declined',
      [county(18)]: 'declined',
    });
    // Cells come in the columns' order (checked below).
    const statesOf = (row: { cells: { state: CellState }[] }) =>
      Object.fromEntries(
        row.cells.map((cell, index): [string, CellState] => [COUNTY_IDS[index] ?? '', cell.state]),
      );
    const result = await waitFor('the counties’ progress to reach the matrix', async () => {
      const current = await matrix(CITY_PLAN);
      const row0 = current.rows[0];
      const late = row0?.cells.some((entry) => entry.conflict);
      return row0 && late && JSON.stringify(statesOf(row0)) === JSON.stringify(expectedRow0) ? current : null;
    });

    expect(result.columns.map((column) => column.orgId)).toEqual(COUNTY_IDS);
    expect(result.rows.map((row) => row.topicId)).toEqual(
      Array.from({ length: CITY_TOPICS }, (_, index) => cityTopic(index)),
    );
    const [row0, row1, row2, , , row5] = result.rows;
    if (!row0 || !row1 || !row2 || !row5) throw new Error('rows missing');
    // The grid's cells carry the state, the topic a cell opens, "+n" and the conflict; the rest comes per row.
    const cells0 = await rowCells(CITY_PLAN, row0.topicId);
    const cells1 = await rowCells(CITY_PLAN, row1.topicId);
    const cells5 = await rowCells(CITY_PLAN, row5.topicId);
    for (const [row, cells] of [
      [row0, cells0],
      [row1, cells1],
      [row5, cells5],
    ] as const) {
      expect(cells.map((entry) => entry.orgId)).toEqual(COUNTY_IDS);
      expect(
        cells.map((entry) => ({
          state: entry.state,
          lead: entry.topics[0]?.topicId,
          more: entry.topics.length > 1 ? entry.topics.length - 1 : undefined,
          conflict: entry.conflict || undefined,
        })),
      ).toEqual(
        row.cells.map((entry) => ({
          state: entry.state,
          lead: entry.lead?.topicId,
          more: entry.more,
          conflict: entry.conflict,
        })),
      );
    }
    expect(row0.cells[1]?.lead).toEqual({
      topicId: cells0[1]?.topics[0]?.topicId,
      stepsTotal,
      stepsFinished: 1,
    });
    const cell = (cells: typeof cells0, index: number) => cells[index - 1];

    expect(cell(cells0, 2)?.topics).toEqual([
      expect.objectContaining({
        status: 'in_progress',
        stepsTotal,
        stepsFinished: 1,
        itemsTotal: 0,
        mode: 'joint',
      }),
    ]);
    expect(cell(cells0, 3)?.topics[0]).toMatchObject({
      status: 'done',
      stepsTotal,
      stepsFinished: stepsTotal,
    });
    expect(cell(cells0, 1)?.topics[0]).toMatchObject({
      itemsTotal: 1,
      itemsClosed: 1,
      planId: countyPlan(1),
    });
    expect(cell(cells0, 4)?.topics[0]).toMatchObject({ topicId: own4, title: '本县执法检查', month: 4 });
    expect(cell(cells0, 5)).toMatchObject({ declineReason: '本县已于2020年开展同类检查', topics: [] });
    expect(cell(cells0, 18)).toMatchObject({ declineReason: '计划已批准，年内不再调整' });
    expect(cell(cells0, 6)).toMatchObject({ state: 'not_answered', declineReason: null });
    expect(cell(cells0, 1)?.expectation).toEqual({ level: 'required', neededBy: T0_NEEDED_BY });
    // County 8 scheduled its topic in September, after the city's "needed by" of June 30.
    expect(cells0.filter((entry) => entry.conflict).map((entry) => entry.orgId)).toEqual([county(8)]);
    expect(row0.rollup).toMatchObject({ conflicts: 1, itemsTotal: 1, itemsClosed: 1, itemsRated: 1 });
    expect(row0.rollup.stepsFinished).toBe(1 + stepsTotal);
    expect(row0.coverage).toEqual(coverage(20, 5, 5, 3, 12));

    const expectedRow1 = Object.fromEntries(COUNTY_IDS.map((orgId) => [orgId, 'not_answered']));
    Object.assign(expectedRow1, {
      [county(1)]: 'planned',
      [county(11)]: 'planned',
      [county(12)]: 'declined',
      [PLANLESS_COUNTY]: 'not_applicable',
    });
    expect(statesOf(row1)).toEqual(expectedRow1);
    expect(row1.coverage).toEqual(coverage(19, 2, 2, 1, 16));
    expect(cell(cells1, 11)?.expectation?.level).toBe('recommended');

    expect(statesOf(row2)).toEqual(
      Object.fromEntries(
        COUNTY_IDS.map((orgId, index) => [orgId, index < 3 ? 'not_answered' : 'not_expected']),
      ),
    );
    expect(row2.coverage).toEqual(coverage(3, 0, 0, 0, 3));
    // A link to a topic that is not joint covers it without being expected.
    expect(statesOf(row5)).toEqual(
      Object.fromEntries(
        COUNTY_IDS.map((orgId) => [orgId, orgId === county(3) ? 'planned' : 'not_expected']),
      ),
    );
    expect(cell(cells5, 3)?.topics[0]).toMatchObject({ topicId: own3, mode: 'reference' });
    expect(row5.coverage).toEqual(coverage(0, 0, 1, 0, 0));
    for (const row of result.rows.slice(3).filter((entry) => entry !== row5)) {
      expect(new Set(row.cells.map((entry) => entry.state))).toEqual(new Set(['not_expected']));
      expect(row.joint).toBe(false);
    }
    expect(result.coverage).toEqual(coverage(42, 7, 8, 4, 31));

    const column = (orgId: string) => result.columns.find((entry) => entry.orgId === orgId);
    expect(column(county(1))).toMatchObject({
      name: '联动县1',
      planId: countyPlan(1),
      planStatus: 'collating',
      readAt: null,
      coverage: coverage(3, 2, 2, 0, 1),
      localTopics: [],
    });
    expect(column(county(3))?.coverage).toEqual(coverage(3, 1, 2, 0, 2));
    expect(column(county(12))?.coverage).toEqual(coverage(2, 0, 0, 2, 0));
    expect(column(PLANLESS_COUNTY)).toMatchObject({
      planId: null,
      planStatus: null,
      coverage: coverage(1, 0, 0, 0, 1),
      localTopics: [],
    });
    expect(column(FROZEN_COUNTY)?.planStatus).toBe('approved');
    // County 4's own topic answers nothing above: listed, flagged as local.
    expect(column(county(4))?.localTopics).toEqual([
      { planId: countyPlan(4), topicId: unlinked4, title: '本县本级议题', method: 'visit', month: 3 },
    ]);
    expect(
      result.columns.filter((entry) => entry.localTopics.length > 0).map((entry) => entry.orgId),
    ).toEqual([county(4)]);

    // No county's answer changed the city's plan.
    expect(await stateOf(CITY_PLAN)).toBe(cityBefore);

    // The city's editors heard of each answer (not the withdrawal); its viewer and the counties did not.
    const answeredNotices = await waitFor('the city editor to hear every answer', () => {
      const found = heardKinds('ac.editor', 'child_answered');
      return found.length >= 13 ? found : null;
    });
    expect(
      answeredNotices.map((notice) => notice.kind === 'child_answered' && notice.detail.answer).sort(),
    ).toEqual(
      [
        ...Array.from({ length: 6 }, () => 'adopt'),
        'decline',
        'decline',
        'decline',
        'decline',
        'decline',
        'link',
        'link',
      ].sort(),
    );
    const firstAnswer = answeredNotices[0];
    expect(firstAnswer).toMatchObject({
      kind: 'child_answered',
      planId: CITY_PLAN,
      detail: { orgName: '联动县1', topicTitle: '联动市议题0', answer: 'adopt' },
    });
    expect((await storedKinds('ac.admin', 'child_answered')).length).toBe(answeredNotices.length);
    await sleep(SETTLE_MS);
    expect(heardKinds('ac.viewer', 'child_answered')).toEqual([]);
    for (const orgId of COUNTY_IDS) expect(await storedKinds(editorOf(orgId), 'child_answered')).toEqual([]);
  });

  it('shows a county the same matrix for its three townships; a township may link to the city as well', async () => {
    const countyTopic = answerOf(1, cityTopic(0));
    const countyPlanId = countyPlan(1);
    const joint = await call(
      editorOf(county(1)),
      'PUT',
      `/api/plans/${countyPlanId}/topics/${countyTopic}/joint`,
      {
        joint: true,
        expectations: {
          [townshipId(1, 1)]: { level: 'required', neededBy: '2021-09-30' },
          [townshipId(1, 2)]: { level: 'recommended', neededBy: null },
          [townshipId(1, 3)]: { level: 'not_applicable', neededBy: null },
        },
      },
    );
    expect(joint.status, JSON.stringify(joint.body)).toBe(200);

    const t1 = planIdOf(townshipId(1, 1));
    const t1Editor = editorOf(townshipId(1, 1));
    const upstream = UpstreamResponse.parse((await call(t1Editor, 'GET', `/api/plans/${t1}/upstream`)).body);
    expect(upstream.parentPlans.map((plan) => plan.id).sort()).toEqual([CITY_PLAN, countyPlanId].sort());
    expect(upstream.canAnswer).toBe(true);
    expect(upstream.topics.find((topic) => topic.parentTopicId === countyTopic)).toMatchObject({
      joint: true,
      expectation: { level: 'required', neededBy: '2021-09-30' },
      answer: { state: 'none' },
    });

    const adopted = await call(t1Editor, 'POST', `/api/plans/${t1}/answers`, {
      answer: 'adopt',
      parentPlanId: countyPlanId,
      parentTopicId: countyTopic,
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    const townshipTopic = AnswerResponse.parse(adopted.body).topicId ?? '';
    // A township editor may link to its grandparent's topic too (editor → parent plans: link).
    const alsoCity = await call(t1Editor, 'POST', `/api/plans/${t1}/answers`, {
      answer: 'link',
      parentPlanId: CITY_PLAN,
      parentTopicId: cityTopic(0),
      topicId: townshipTopic,
      mode: 'coordinated',
    });
    expect(alsoCity.status, JSON.stringify(alsoCity.body)).toBe(200);
    const doc = await storedDoc(t1);
    expect(readLinks(doc, townshipTopic)).toEqual([
      {
        kind: 'topic',
        parentPlanId: countyPlanId,
        parentTopicId: countyTopic,
        mode: 'joint',
        contributes: true,
        primary: true,
      },
      {
        kind: 'topic',
        parentPlanId: CITY_PLAN,
        parentTopicId: cityTopic(0),
        mode: 'coordinated',
        contributes: false,
        primary: false,
      },
    ]);
    doc.destroy();
    const declined = await call(
      editorOf(townshipId(1, 2)),
      'POST',
      `/api/plans/${planIdOf(townshipId(1, 2))}/answers`,
      {
        answer: 'decline',
        parentPlanId: countyPlanId,
        parentTopicId: countyTopic,
        reason: '本镇无法院派出法庭',
      },
    );
    expect(declined.status).toBe(200);

    // A township's editor reaches neither another county's plan nor links "delegated" under a city.
    const peerCounty = await call(t1Editor, 'POST', `/api/plans/${t1}/answers`, {
      answer: 'link',
      parentPlanId: countyPlan(2),
      parentTopicId: answerOf(2, cityTopic(0)),
      topicId: townshipTopic,
    });
    expect(peerCounty.status).toBe(400);
    expect(codeOf(peerCounty)).toBe('not_an_ancestor_plan');

    const result = await matrix(countyPlanId, editorOf(county(1)));
    expect(result.columns.map((column) => [column.orgId, column.name, column.planId])).toEqual(
      [1, 2, 3].map((township) => [
        townshipId(1, township),
        `联动县1第${township}镇`,
        planIdOf(townshipId(1, township)),
      ]),
    );
    const row = result.rows.find((entry) => entry.topicId === countyTopic);
    expect(row?.cells.map((entry) => entry.state)).toEqual(['planned', 'declined', 'not_applicable']);
    expect(row?.cells[0]?.lead?.topicId).toBe(townshipTopic);
    const townshipCells = await rowCells(countyPlanId, countyTopic, editorOf(county(1)));
    expect(townshipCells[0]?.topics.map((topic) => topic.topicId)).toEqual([townshipTopic]);
    expect(townshipCells[1]?.declineReason).toBe('本镇无法院派出法庭');
    expect(row?.coverage).toEqual(coverage(2, 1, 1, 1, 0));
    expect(result.rows.map((entry) => entry.topicId).sort()).toEqual(
      [countyTopic, answerOf(1, cityTopic(1))].sort(),
    );
    expect(
      result.rows.find((entry) => entry.topicId !== countyTopic)?.cells.map((entry) => entry.state),
    ).toEqual(['not_expected', 'not_expected', 'not_expected']);
    expect(result.coverage).toEqual(coverage(2, 1, 1, 1, 0));
    // The county's editor heard the answers to its topic; the city's editor only the township's link to the city.
    expect(
      (await storedKinds(editorOf(county(1)), 'child_answered')).map((row) => row.detail.answer),
    ).toEqual(['decline', 'adopt']);
    const fromTownships = await waitFor('the city to hear of the township’s link', () => {
      const found = heardKinds('ac.editor', 'child_answered').filter((notice) =>
        notice.detail.orgName.includes('镇'),
      );
      return found.length > 0 ? found : null;
    });
    expect(
      fromTownships.map(
        (notice) => notice.kind === 'child_answered' && [notice.detail.orgName, notice.detail.answer],
      ),
    ).toEqual([['联动县1第1镇', 'link']]);
  });

  it('flags a changed city topic in the counties that linked it; accept takes it, dismiss keeps the county’s own', async () => {
    const c01Topic = answerOf(1, cityTopic(1));
    const c11Topic = answerOf(11, cityTopic(1));
    const projections = running().server.projection.projections;
    const city = await board('ac.editor', CITY_PLAN);
    updateTopic(city.doc, cityTopic(1), { title: '联动市议题1（调整）', month: 10 });
    await city.drained();

    const changesOf = async (index: number) => {
      const reply = await call(editorOf(county(index)), 'GET', `/api/plans/${countyPlan(index)}/upstream`);
      expect(reply.status).toBe(200);
      return UpstreamResponse.parse(reply.body).changes;
    };
    const expectedChange = (topicId: string) => [
      {
        topicId,
        parentPlanId: CITY_PLAN,
        parentTopicId: cityTopic(1),
        parentTitle: '联动市议题1（调整）',
        changes: [
          { field: 'title', seen: '联动市议题1', current: '联动市议题1（调整）' },
          { field: 'month', seen: 6, current: 10 },
        ],
      },
    ];
    await waitFor('county 1 to see the change', async () => (await changesOf(1)).length > 0);
    expect(await changesOf(1)).toEqual(expectedChange(c01Topic));
    expect(await changesOf(11)).toEqual(expectedChange(c11Topic));
    expect(await changesOf(2)).toEqual([]);

    // Another edit of the city's plan projects it again: the counties are still told only once.
    updateTopic(city.doc, cityTopic(9), { title: '联动市议题9（措辞）' });
    await city.drained();
    await waitFor(
      'two more projections of the city plan',
      () => running().server.projection.projections >= projections + 2,
    );
    await sleep(SETTLE_MS);
    const upstreamNotices = heardKinds(editorOf(county(1)), 'upstream_changed');
    expect(upstreamNotices).toHaveLength(1);
    expect(upstreamNotices[0]).toMatchObject({
      planId: countyPlan(1),
      detail: {
        orgName: '联动市',
        parentTitle: '联动市议题1（调整）',
        topicId: c01Topic,
        topicTitle: '联动市议题1',
        fields: ['title', 'month'],
      },
    });
    expect(await storedKinds(`${county(1)}.admin`, 'upstream_changed')).toHaveLength(1);
    expect(await storedKinds(editorOf(county(11)), 'upstream_changed')).toHaveLength(1);
    expect(heardKinds(`${county(1)}.viewer`, 'upstream_changed')).toEqual([]);
    expect(await storedKinds(editorOf(county(2)), 'upstream_changed')).toEqual([]);
    city.close();

    const act = (index: number, topicId: string, action: 'accept' | 'dismiss') =>
      call(editorOf(county(index)), 'POST', `/api/plans/${countyPlan(index)}/upstream`, {
        topicId,
        parentPlanId: CITY_PLAN,
        parentTopicId: cityTopic(1),
        action,
      });
    expect((await act(1, c01Topic, 'accept')).status).toBe(200);
    expect(await changesOf(1)).toEqual([]);
    const accepted = await storedDoc(countyPlan(1));
    expect(getTopic(accepted, c01Topic)).toMatchObject({ title: '联动市议题1（调整）', month: 10 });
    accepted.destroy();

    expect((await act(11, c11Topic, 'dismiss')).status).toBe(200);
    expect(await changesOf(11)).toEqual([]);
    const dismissed = await storedDoc(countyPlan(11));
    expect(getTopic(dismissed, c11Topic)).toMatchObject({ title: '联动市议题1', month: 6 });
    dismissed.destroy();
  });

  it('holds the access table on every new endpoint: nobody writes what is not theirs', async () => {
    const cityBefore = await stateOf(CITY_PLAN);
    const countyBefore = await stateOf(countyPlan(7));
    const c01Before = await stateOf(countyPlan(1));
    const ownTopic = answerOf(1, cityTopic(0));

    // A county editor cannot change the city's plan through any of them.
    const countyEditor = editorOf(county(7));
    const onCity: [string, string, unknown][] = [
      [
        'POST',
        `/api/plans/${CITY_PLAN}/answers`,
        { answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0) },
      ],
      ['PUT', `/api/plans/${CITY_PLAN}/topics/${cityTopic(0)}/joint`, { joint: false, expectations: {} }],
      ['PUT', `/api/plans/${CITY_PLAN}/topics/${cityTopic(0)}/links`, { links: [] }],
      [
        'POST',
        `/api/plans/${CITY_PLAN}/upstream`,
        { topicId: cityTopic(0), parentPlanId: CITY_PLAN, parentTopicId: cityTopic(1), action: 'accept' },
      ],
      ['POST', `/api/plans/${CITY_PLAN}/reminders`, {}],
    ];
    for (const [method, path, body] of onCity) {
      const reply = await call(countyEditor, method, path, body);
      expect([reply.status, codeOf(reply)], `${method} ${path}`).toEqual([403, 'forbidden']);
    }

    // A city editor cannot answer, link or mark joint on a county's plan.
    const onCounty: [string, string, unknown][] = [
      [
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0) },
      ],
      [
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'decline', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0), reason: '代答' },
      ],
      ['PUT', `/api/plans/${countyPlan(1)}/topics/${ownTopic}/joint`, { joint: false, expectations: {} }],
      ['PUT', `/api/plans/${countyPlan(1)}/topics/${ownTopic}/links`, { links: [] }],
      [
        'POST',
        `/api/plans/${countyPlan(1)}/upstream`,
        { topicId: ownTopic, parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0), action: 'dismiss' },
      ],
    ];
    for (const [method, path, body] of onCounty) {
      const reply = await call('ac.editor', method, path, body);
      expect([reply.status, codeOf(reply)], `${method} ${path}`).toEqual([403, 'forbidden']);
    }

    // Viewers read the matrix but write nothing.
    expect((await call(`${county(1)}.viewer`, 'GET', `/api/plans/${CITY_PLAN}/alignment`)).status).toBe(200);
    for (const [username, method, path, body] of [
      [
        `${county(1)}.viewer`,
        'POST',
        `/api/plans/${countyPlan(1)}/answers`,
        { answer: 'decline', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(2), reason: 'x' },
      ],
      [
        'ac.viewer',
        'PUT',
        `/api/plans/${CITY_PLAN}/topics/${cityTopic(3)}/joint`,
        { joint: true, expectations: {} },
      ],
      ['ac.viewer', 'POST', `/api/plans/${CITY_PLAN}/reminders`, {}],
      [
        `${townshipId(1, 1)}.viewer`,
        'POST',
        `/api/plans/${planIdOf(townshipId(1, 1))}/answers`,
        { answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0) },
      ],
    ] as const) {
      const reply = await call(username, method, path, body);
      expect([reply.status, codeOf(reply)], `${username} ${method} ${path}`).toEqual([403, 'forbidden']);
    }

    // An unrelated city reads nothing of an unpublished plan, and links to nothing of it.
    const foreign = await call('oc.editor', 'GET', `/api/plans/${CITY_PLAN}/alignment`);
    expect([foreign.status, codeOf(foreign)]).toEqual([403, 'forbidden']);
    const foreignLink = await call('oc-c1.editor', 'POST', `/api/plans/${planIdOf('oc-c1')}/answers`, {
      answer: 'adopt',
      parentPlanId: CITY_PLAN,
      parentTopicId: cityTopic(0),
    });
    expect([foreignLink.status, codeOf(foreignLink)]).toEqual([400, 'not_an_ancestor_plan']);
    const unrelated = await answer(countyEditor, countyPlan(7), {
      answer: 'adopt',
      parentPlanId: planIdOf(OTHER_CITY),
      parentTopicId: cityTopic(0),
    });
    expect([unrelated.status, codeOf(unrelated)]).toEqual([400, 'not_an_ancestor_plan']);

    // Invalid bodies and modes, with stable codes.
    const invalid: [string, string, string, unknown, number, string][] = [
      [
        countyEditor,
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'decline', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0) },
        400,
        'bad_request',
      ],
      [
        countyEditor,
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'maybe', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0) },
        400,
        'bad_request',
      ],
      [
        countyEditor,
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0), mode: 'delegated' },
        400,
        'mode_not_allowed',
      ],
      [
        countyEditor,
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: 'no-such-topic' },
        404,
        'parent_topic_not_found',
      ],
      [
        countyEditor,
        'POST',
        `/api/plans/${countyPlan(7)}/answers`,
        { answer: 'adopt', parentPlanId: 'no-such-plan', parentTopicId: cityTopic(0) },
        404,
        'plan_not_found',
      ],
      [
        editorOf(county(1)),
        'PUT',
        `/api/plans/${countyPlan(1)}/topics/${ownTopic}/links`,
        {
          links: [
            {
              kind: 'topic',
              parentPlanId: CITY_PLAN,
              parentTopicId: cityTopic(0),
              mode: 'delegated',
              contributes: false,
              primary: true,
            },
          ],
        },
        400,
        'mode_not_allowed',
      ],
      [
        editorOf(county(1)),
        'PUT',
        `/api/plans/${countyPlan(1)}/topics/${ownTopic}/links`,
        { links: 'none' },
        400,
        'bad_request',
      ],
      [
        'ac.editor',
        'PUT',
        `/api/plans/${CITY_PLAN}/topics/${cityTopic(3)}/joint`,
        { joint: true, expectations: { [townshipId(1, 1)]: { level: 'required', neededBy: null } } },
        400,
        'not_a_child_org',
      ],
      [
        'ac.editor',
        'PUT',
        `/api/plans/${CITY_PLAN}/topics/${cityTopic(3)}/joint`,
        { joint: true, expectations: { [county(1)]: { level: 'must', neededBy: null } } },
        400,
        'bad_request',
      ],
      [
        'ac.editor',
        'PUT',
        `/api/plans/${CITY_PLAN}/topics/no-such-topic/joint`,
        { joint: true, expectations: {} },
        404,
        'topic_not_found',
      ],
      ['ac.editor', 'POST', `/api/plans/${CITY_PLAN}/reminders`, { orgIds: 'all' }, 400, 'bad_request'],
      [
        editorOf(county(1)),
        'POST',
        `/api/plans/${countyPlan(1)}/upstream`,
        { topicId: ownTopic, parentPlanId: CITY_PLAN, parentTopicId: cityTopic(0), action: 'ignore' },
        400,
        'bad_request',
      ],
      [editorOf(county(1)), 'POST', '/api/notifications/read', { ids: [] }, 400, 'bad_request'],
    ];
    for (const [username, method, path, body, status, code] of invalid) {
      const reply = await call(username, method, path, body);
      expect([reply.status, codeOf(reply)], `${username} ${method} ${path} ${JSON.stringify(body)}`).toEqual([
        status,
        code,
      ]);
    }

    // Signed out: 401 everywhere.
    const signedOut: [string, string][] = [
      ['GET', `/api/plans/${CITY_PLAN}/alignment`],
      ['PUT', `/api/plans/${CITY_PLAN}/topics/${cityTopic(0)}/joint`],
      ['PUT', `/api/plans/${countyPlan(1)}/topics/${ownTopic}/links`],
      ['GET', `/api/plans/${countyPlan(1)}/upstream`],
      ['POST', `/api/plans/${countyPlan(1)}/upstream`],
      ['POST', `/api/plans/${countyPlan(1)}/answers`],
      ['POST', `/api/plans/${CITY_PLAN}/reminders`],
      ['POST', `/api/plans/${CITY_PLAN}/read`],
      ['GET', '/api/notifications'],
      ['POST', '/api/notifications/read'],
    ];
    for (const [method, path] of signedOut) {
      const reply = await call(null, method, path, method === 'GET' ? undefined : { all: true });
      expect([reply.status, codeOf(reply)], `${method} ${path}`).toEqual([401, 'unauthenticated']);
    }

    expect(await stateOf(CITY_PLAN), 'the city plan').toBe(cityBefore);
    expect(await stateOf(countyPlan(7)), 'county 7’s plan').toBe(countyBefore);
    expect(await stateOf(countyPlan(1)), 'county 1’s plan').toBe(c01Before);
  });

  it('tells a socket watching the city plan of a county’s adoption within a second', async () => {
    const before = cityAlignmentEvents.length;
    const started = performance.now();
    await adopt(9, cityTopic(1));
    const heardAt = await waitFor('plan:alignment for the city', () =>
      cityAlignmentEvents.slice(before).find((at) => at >= started),
    );
    expect(heardAt - started).toBeLessThan(LIVE_LIMIT_MS);
    const row1 = (await matrix(CITY_PLAN)).rows[1];
    expect(row1?.cells[8]?.state).toBe('planned');
  });

  it('reminds only the editors and administrators of counties with something left to answer', async () => {
    const reply = await call('ac.editor', 'POST', `/api/plans/${CITY_PLAN}/reminders`, {});
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    // County 12 answered everything (it declined both); every other county has a required topic open.
    expect(ReminderResponse.parse(reply.body).orgIds).toEqual(
      COUNTY_IDS.filter((orgId) => orgId !== county(12)),
    );

    const [reminder] = await waitFor('county 1’s editor to be reminded', () => {
      const found = heardKinds(editorOf(county(1)), 'reminder');
      return found.length > 0 ? found : null;
    });
    expect(reminder).toMatchObject({
      planId: countyPlan(1),
      detail: { orgName: '联动市', planTitle: '2021年监督工作计划', pending: 1 },
    });
    expect((await storedKinds(`${county(1)}.admin`, 'reminder')).length).toBe(1);
    const planless = await storedKinds(editorOf(PLANLESS_COUNTY), 'reminder');
    expect(planless.map((row) => [row.planId, row.detail.pending])).toEqual([[CITY_PLAN, 1]]);
    await sleep(SETTLE_MS);
    expect(heardKinds(`${county(1)}.viewer`, 'reminder')).toEqual([]);
    expect(await storedKinds(editorOf(county(12)), 'reminder')).toEqual([]);
    expect(heardKinds(`${townshipId(1, 1)}.editor`, 'reminder')).toEqual([]);
    expect(heardKinds('oc.editor', 'reminder')).toEqual([]);
    expect(heardKinds('ac.editor', 'reminder')).toEqual([]);

    // Asked for two counties, only those with something open are reminded.
    const asked = await call('ac.editor', 'POST', `/api/plans/${CITY_PLAN}/reminders`, {
      orgIds: [county(12), county(13)],
    });
    expect(ReminderResponse.parse(asked.body).orgIds).toEqual([county(13)]);
  });

  it('publishing the city plan tells its counties how many joint topics await them; read receipts count from then', async () => {
    const unpublished = await call(editorOf(county(1)), 'POST', `/api/plans/${CITY_PLAN}/read`, {});
    expect(ReadReceiptResponse.parse(unpublished.body)).toEqual({ recorded: false });

    const lifecycle = LifecycleResponse.parse(
      (await call('ac.admin', 'GET', `/api/plans/${CITY_PLAN}/lifecycle`)).body,
    );
    const path = lifecycle.path.slice(
      lifecycle.path.indexOf('soliciting') + 1,
      lifecycle.path.indexOf('published') + 1,
    );
    expect(path.at(-1)).toBe('published');
    for (const to of path) {
      const moved = await call('ac.admin', 'POST', `/api/plans/${CITY_PLAN}/transitions`, {
        to,
        note: `进入${to}`,
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }

    const [published] = await waitFor('county 1’s editor to hear of the publication', () => {
      const found = heardKinds(editorOf(county(1)), 'plan_published');
      return found.length > 0 ? found : null;
    });
    expect(published).toMatchObject({
      planId: CITY_PLAN,
      detail: { orgName: '联动市', planTitle: '2021年监督工作计划', year: 2021, jointCount: 3 },
    });
    await waitFor(
      'county 1’s viewer to hear of it too',
      () => heardKinds(`${county(1)}.viewer`, 'plan_published').length === 1,
    );
    const jointCountOf = async (username: string) =>
      (await storedKinds(username, 'plan_published')).map((row) => row.detail.jointCount);
    expect(await jointCountOf(`${county(1)}.admin`)).toEqual([3]);
    expect(await jointCountOf(editorOf(county(12)))).toEqual([2]);
    expect(await jointCountOf(editorOf(PLANLESS_COUNTY))).toEqual([1]);
    for (const orgId of COUNTY_IDS) expect(await jointCountOf(editorOf(orgId))).toHaveLength(1);
    await sleep(SETTLE_MS);
    for (const username of [`${townshipId(1, 1)}.editor`, 'oc.editor', 'ac.editor', 'ac.viewer'])
      expect(heardKinds(username, 'plan_published'), username).toEqual([]);
    expect(await jointCountOf('oc-c1.editor')).toEqual([]);

    const eventsBefore = cityAlignmentEvents.length;
    const read = await call(editorOf(county(1)), 'POST', `/api/plans/${CITY_PLAN}/read`, {});
    expect(ReadReceiptResponse.parse(read.body)).toEqual({ recorded: true });
    const again = await call(`${county(1)}.viewer`, 'POST', `/api/plans/${CITY_PLAN}/read`, {});
    expect(ReadReceiptResponse.parse(again.body)).toEqual({ recorded: false });
    // The city's own members and a township's do not count as a county having read it.
    expect(
      ReadReceiptResponse.parse((await call('ac.editor', 'POST', `/api/plans/${CITY_PLAN}/read`, {})).body),
    ).toEqual({ recorded: false });
    await waitFor('the watcher to hear of the receipt', () => cityAlignmentEvents.length > eventsBefore);
    const result = await matrix(CITY_PLAN);
    const readAt = Object.fromEntries(result.columns.map((column) => [column.orgId, column.readAt]));
    expect(readAt[county(1)]).toEqual(expect.any(Number));
    expect(
      Object.entries(readAt)
        .filter(([, at]) => at !== null)
        .map(([orgId]) => orgId),
    ).toEqual([county(1)]);
  });

  it('lists each user’s own notifications only, and marking another’s read changes nothing', async () => {
    const mine = await notificationsOf(editorOf(county(1)));
    expect(new Set(mine.map((notification) => notification.kind))).toEqual(
      new Set(['child_answered', 'upstream_changed', 'reminder', 'plan_published']),
    );
    const cityNotices = await notificationsOf('ac.editor');
    expect(cityNotices.length).toBeGreaterThan(0);
    expect(cityNotices.every((notification) => notification.kind === 'child_answered')).toBe(true);
    // Nobody's ids leak into another's list.
    const mineIds = new Set(mine.map((notification) => notification.id));
    expect(cityNotices.filter((notification) => mineIds.has(notification.id))).toEqual([]);

    const cityUnread = NotificationsResponse.parse(
      (await call('ac.editor', 'GET', '/api/notifications')).body,
    ).unread;
    const someoneElses = cityNotices.slice(0, 3).map((notification) => notification.id);
    const marked = await call(editorOf(county(1)), 'POST', '/api/notifications/read', { ids: someoneElses });
    expect(marked.status).toBe(200);
    const after = NotificationsResponse.parse((await call('ac.editor', 'GET', '/api/notifications')).body);
    expect(after.unread).toBe(cityUnread);
    expect(
      after.notifications
        .filter((notification) => someoneElses.includes(notification.id))
        .every((n) => n.readAt === null),
    ).toBe(true);

    const own = await call(editorOf(county(1)), 'POST', '/api/notifications/read', { ids: [mine[0]?.id] });
    expect(own.status).toBe(200);
    const unreadNow = NotificationsResponse.parse(
      (await call(editorOf(county(1)), 'GET', '/api/notifications')).body,
    );
    expect(
      unreadNow.notifications.find((notification) => notification.id === mine[0]?.id)?.readAt,
    ).not.toBeNull();
    expect(unreadNow.unread).toBe(mine.filter((notification) => notification.readAt === null).length - 1);
  });
});
