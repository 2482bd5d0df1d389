import { beforeAll, expect, it } from 'vitest';
import { addTopic, archiveTopic, getTopic, moveTopic, planDocName, updateTopic } from '@yipan/domain';
import { describeEachDialect } from '../support/dialects';
import { boardOf } from '../support/connectClient';
import { TEST_EDITOR } from '../support/startServer';
import { openAdjustment } from '../support/openAdjustment';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const PLAN = 'city-2021';
/** Demo topic ids of the city plan (DOMAIN.md "Demo data"). */
const ENFORCEMENT = 'city-2021-enforcement';
const BUSINESS = 'city-2021-business';
const SCHOOL_PLACES = 'city-2021-school-places';

describeEachDialect('co-editing a plan', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  // The demo city plan is executing: its topics change within an adjustment.
  beforeAll(() => openAdjustment(running().editor, PLAN));

  it('opens the demo city plan with its topics', async () => {
    const client = await connect(PLAN);
    const titles = client.topics().map((topic) => topic.title);
    expect(titles.length).toBeGreaterThanOrEqual(11);
    expect(titles[0]).toContain('执行难');
    expect(getTopic(client.doc, ENFORCEMENT)).toMatchObject({
      supervisedBody: 'court',
      month: 6,
      leadCommittee: '监察和司法委',
    });
  });

  it('two clients editing at once converge, and a late joiner sees everything', async () => {
    const a = await connect(PLAN);
    const b = await connect(PLAN);
    const before = a.topics().length;

    // Each block runs in one tick on both clients, so neither has seen the other's edit: truly concurrent.
    const fromA = addTopic(
      a.doc,
      { title: '甲新增：义务教育“双减”', month: 3 },
      { afterId: ENFORCEMENT, beforeId: null },
    );
    const fromB = addTopic(
      b.doc,
      { title: '乙新增：老旧小区改造', month: 4 },
      { afterId: ENFORCEMENT, beforeId: null },
    );
    updateTopic(a.doc, BUSINESS, { leadCommittee: '财经委', reportingUnit: '市发展改革委' });
    updateTopic(b.doc, BUSINESS, { leadCommittee: '社会建设委', month: 9 });
    moveTopic(a.doc, ENFORCEMENT, { afterId: SCHOOL_PLACES, beforeId: null }, { month: 5 });
    moveTopic(b.doc, ENFORCEMENT, { afterId: null, beforeId: BUSINESS }, { month: 7 });
    archiveTopic(a.doc, SCHOOL_PLACES);
    updateTopic(b.doc, SCHOOL_PLACES, { month: 12, leaderInCharge: '王副主任' });

    await waitFor(
      'both boards to converge',
      () => boardOf(a) === boardOf(b) && a.topics().length === before + 2,
    );
    const board = a.topics();
    expect(board.filter((topic) => topic.id === ENFORCEMENT)).toHaveLength(1);
    expect(board.map((topic) => topic.id)).toEqual(expect.arrayContaining([fromA, fromB]));
    const business = getTopic(a.doc, BUSINESS);
    expect(['财经委', '社会建设委']).toContain(business?.leadCommittee);
    expect(business).toMatchObject({ reportingUnit: '市发展改革委', month: 9 });
    expect([5, 7]).toContain(getTopic(a.doc, ENFORCEMENT)?.month);
    // Archiving does not lose the concurrent edit: the topic is archived and carries it.
    expect(getTopic(a.doc, SCHOOL_PLACES)).toMatchObject({
      archived: true,
      month: 12,
      leaderInCharge: '王副主任',
    });

    const late = await connect(PLAN);
    expect(boardOf(late)).toBe(boardOf(a));
  });

  it('gives everyone opening the plan at once the same board, and one opening after an edit the edit', async () => {
    const first = await Promise.all(Array.from({ length: 5 }, () => connect(PLAN)));
    const board = boardOf(first[0]!);
    for (const client of first) expect(boardOf(client)).toBe(board);
    // The server encodes the whole plan once for fresh clients; an edit must not leave that copy stale.
    updateTopic(first[0]!.doc, BUSINESS, { reportingUnit: '市营商环境建设局' });
    await waitFor('the edit to reach the others', () =>
      first.every((client) => getTopic(client.doc, BUSINESS)?.reportingUnit === '市营商环境建设局'),
    );
    const after = await connect(PLAN);
    expect(getTopic(after.doc, BUSINESS)?.reportingUnit).toBe('市营商环境建设局');
    expect(boardOf(after)).toBe(boardOf(first[0]!));
  });

  it('relays typing between clients in real time', async () => {
    const a = await connect(PLAN);
    const b = await connect(PLAN);
    updateTopic(a.doc, ENFORCEMENT, { title: '听取和审议市中级人民法院关于执行工作的报告' });
    await waitFor(
      'the title to reach the other client',
      () => getTopic(b.doc, ENFORCEMENT)?.title === '听取和审议市中级人民法院关于执行工作的报告',
    );
    // Only the title changed: the other fields b sees are still the demo's.
    expect(getTopic(b.doc, ENFORCEMENT)).toMatchObject({
      supervisedBody: 'court',
      leadCommittee: '监察和司法委',
    });
  });

  it('stores each edit with the author the server decides, not one the client claims', async () => {
    const claimant = await connect(PLAN, { params: { author: 'city.admin' } });
    const { db } = running().server;
    const docName = planDocName(PLAN);
    const before = (await db.docs.history(docName)).length;
    updateTopic(claimant.doc, BUSINESS, { leaderInCharge: '冒名者' });
    await waitFor('the edit to be stored', async () => (await db.docs.history(docName)).length > before);
    const stored = await db.docs.history(docName, { afterSeq: 0 });
    expect(stored.slice(before).map((entry) => entry.author)).toEqual([TEST_EDITOR.id]);
    expect(stored[0]?.author).toBe('system');
  });
});
