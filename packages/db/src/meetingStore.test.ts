import { idleTimer, tallyIncrements, type Ballot, type VoteSpec } from '@yipan/domain';
import postgres from 'postgres';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { AgendaItemRow, Database, MeetingMemberRow, NewMeetingRow } from './types';

describeEachDialect('meeting store', (_dialect, database) => {
  let db: Database;
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));
  const users = Array.from({ length: 40 }, (_, index) => `u${index}`);

  const meeting = (id: string, orgId: string, startsAt: Date): NewMeetingRow => ({
    id,
    orgId,
    kind: 'council_of_chairs',
    title: `第${id}次主任会议`,
    startsAt,
    createdBy: 'u0',
    createdAt: at(0),
  });
  const item = (
    meetingId: string,
    id: string,
    position: number,
    planId: string | null = null,
  ): AgendaItemRow => ({
    id,
    meetingId,
    position,
    kind: planId === null ? 'other' : 'topic',
    planId,
    topicId: planId === null ? null : `t-${id}`,
    title: `议题 ${id}`,
    timer: idleTimer(10 * 60_000),
  });
  const member = (meetingId: string, userId: string, role: MeetingMemberRow['role']): MeetingMemberRow => ({
    meetingId,
    userId,
    role,
  });
  const approval = (itemId: string, anonymous = false): VoteSpec => ({
    kind: 'approval',
    title: '是否列入计划',
    itemId,
    anonymous,
  });
  const openVote = (id: string, meetingId: string, spec: VoteSpec, minute = 10) =>
    db.meetings.insertVote({ id, meetingId, spec, eligibleCount: 3, openedBy: 'u0', openedAt: at(minute) });
  const cast = (voteId: string, userId: string, ballot: Ballot, anonymous = false) =>
    db.meetings.castBallot({ voteId, userId, ballot: anonymous ? null : ballot }, tallyIncrements(ballot));
  const approve: Ballot = { kind: 'approval', choice: 'approve' };
  const against: Ballot = { kind: 'approval', choice: 'against' };

  beforeAll(async () => {
    db = await openDatabase(database().config);
    for (const id of users) await db.users.insert({ id, username: id, displayName: id, passwordHash: 'x' });
    for (const [id, parentId] of [
      ['city', null],
      ['county', 'city'],
    ] as const)
      await db.orgs.insert({
        id,
        name: id,
        level: parentId === null ? 'city' : 'county',
        parentId,
        sortOrder: 0,
        committees: [],
        supervisedBodies: ['gov'],
        reportingUnits: [],
      });
    // m1: the city's meeting with a county director invited; m2: the county's own, later.
    await db.meetings.insert(
      meeting('m1', 'city', at(0)),
      [item('m1', 'a1', 0, 'p1'), item('m1', 'a2', 1, 'p1'), item('m1', 'a3', 2)],
      [member('m1', 'u0', 'facilitator'), member('m1', 'u1', 'participant'), member('m1', 'u2', 'observer')],
    );
    await db.meetings.insert(
      meeting('m2', 'county', at(30)),
      [item('m2', 'b1', 0, 'p2')],
      [member('m2', 'u3', 'facilitator')],
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('inserts a scheduled meeting with no focus, and lists it to members and to its organisers', async () => {
    expect(await db.meetings.get('m1')).toMatchObject({
      id: 'm1',
      orgId: 'city',
      kind: 'council_of_chairs',
      status: 'scheduled',
      startsAt: at(0),
      focusItemId: null,
      focusSeq: 0,
      startedAt: null,
    });
    expect(await db.meetings.get('nope')).toBeNull();
    // A member of m1 only, organiser of nothing.
    expect((await db.meetings.listFor('u1', [])).map((row) => row.id)).toEqual(['m1']);
    // Organiser of the county: sees m2 without being a member.
    expect((await db.meetings.listFor('u9', ['county'])).map((row) => row.id)).toEqual(['m2']);
    // Member of m1 and organiser of the county: both, newest first.
    expect((await db.meetings.listFor('u0', ['county'])).map((row) => row.id)).toEqual(['m2', 'm1']);
    expect(await db.meetings.listFor('u9', [])).toEqual([]);
    expect(await db.meetings.memberRole('m1', 'u2')).toBe('observer');
    expect(await db.meetings.memberRole('m1', 'u3')).toBeNull();
  });

  it('updates the setup and transitions, and refuses nothing to an unknown id but null', async () => {
    const started = await db.meetings.update('m2', {
      status: 'live',
      startedAt: at(31),
      title: '县主任会议',
    });
    expect(started).toMatchObject({
      status: 'live',
      startedAt: at(31),
      title: '县主任会议',
      kind: 'council_of_chairs',
    });
    expect(await db.meetings.get('m2')).toEqual(started);
    expect(await db.meetings.update('m2', {})).toEqual(started);
    expect(await db.meetings.update('nope', { title: 'x' })).toBeNull();
  });

  it('moves a meeting’s status only from the status it is in, once when two moves race', async () => {
    await db.meetings.insert(meeting('m3', 'city', at(40)), [], [member('m3', 'u0', 'facilitator')]);
    const starts = await Promise.all(
      [41, 42, 43].map((minute) =>
        db.meetings.transition('m3', 'scheduled', { status: 'live', startedAt: at(minute) }),
      ),
    );
    expect(starts.filter((row) => row !== null)).toHaveLength(1);
    expect(await db.meetings.transition('m3', 'scheduled', { status: 'live' })).toBeNull();
    expect(await db.meetings.transition('nope', 'scheduled', { status: 'live' })).toBeNull();
    expect(await db.meetings.transition('m3', 'live', { status: 'ended', endedAt: at(50) })).toMatchObject({
      status: 'ended',
      endedAt: at(50),
    });
    expect((await db.meetings.get('m3'))?.status).toBe('ended');
  });

  it('replaces the members and the agenda in order, keeping ids and timers', async () => {
    await db.meetings.replaceMembers('m2', [
      member('m2', 'u3', 'facilitator'),
      member('m2', 'u4', 'secretary'),
    ]);
    expect(await db.meetings.members('m2')).toEqual([
      member('m2', 'u3', 'facilitator'),
      member('m2', 'u4', 'secretary'),
    ]);
    // A member who does not exist fails the whole replacement: the previous members stay.
    await expect(
      db.meetings.replaceMembers('m2', [
        member('m2', 'u5', 'participant'),
        member('m2', 'ghost', 'participant'),
      ]),
    ).rejects.toThrow();
    expect((await db.meetings.members('m2')).map((row) => row.userId)).toEqual(['u3', 'u4']);

    const running = { durationMs: 300_000, elapsedMs: 12_000, runningSince: at(32).getTime() };
    await db.meetings.replaceAgenda('m2', [
      { ...item('m2', 'b2', 0), title: '其他事项' },
      { ...item('m2', 'b1', 1, 'p2'), timer: running },
    ]);
    expect(await db.meetings.agenda('m2')).toEqual([
      { ...item('m2', 'b2', 0), title: '其他事项' },
      { ...item('m2', 'b1', 1, 'p2'), timer: running },
    ]);
    await db.meetings.replaceAgenda('m2', []);
    expect(await db.meetings.agenda('m2')).toEqual([]);
    await db.meetings.replaceAgenda('m2', [item('m2', 'b1', 0, 'p2')]);
  });

  it('runs timers per item and finds the agenda items about a plan, across meetings', async () => {
    const running = { durationMs: 600_000, elapsedMs: 5_000, runningSince: at(33).getTime() };
    await db.meetings.setTimer('a2', running);
    const agenda = await db.meetings.agenda('m1');
    expect(agenda.map((row) => row.id)).toEqual(['a1', 'a2', 'a3']);
    expect(agenda[1]?.timer).toEqual(running);
    expect(agenda[0]?.timer).toEqual(idleTimer(600_000));
    await db.meetings.setTimer('a2', { ...running, elapsedMs: 65_000, runningSince: null });
    expect((await db.meetings.agenda('m1'))[1]?.timer).toEqual({
      ...running,
      elapsedMs: 65_000,
      runningSince: null,
    });

    expect((await db.meetings.agendaItemsOfPlan('p1')).map((row) => row.id)).toEqual(['a1', 'a2']);
    expect((await db.meetings.agendaItemsOfPlan('p2')).map((row) => [row.meetingId, row.id])).toEqual([
      ['m2', 'b1'],
    ]);
    expect(await db.meetings.agendaItemsOfPlan('p9')).toEqual([]);
  });

  it('moves the focus with an increasing sequence number, even when moves race', async () => {
    expect(await db.meetings.setFocus('m1', 'a1')).toBe(1);
    expect(await db.meetings.setFocus('m1', 'a2')).toBe(2);
    const raced = await Promise.all(
      ['a1', 'a2', 'a3', null, 'a1'].map((id) => db.meetings.setFocus('m1', id)),
    );
    expect([...raced].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7]);
    const last = raced.indexOf(7);
    expect(await db.meetings.get('m1')).toMatchObject({
      focusSeq: 7,
      focusItemId: ['a1', 'a2', 'a3', null, 'a1'][last],
    });
    await expect(db.meetings.setFocus('nope', 'a1')).rejects.toThrow();
  });

  it('queues raised hands oldest first, keeps a hand raised twice in place, lowers one or all', async () => {
    expect(await db.meetings.raiseHand({ meetingId: 'm1', userId: 'u1', raisedAt: at(40) })).toBe(true);
    expect(await db.meetings.raiseHand({ meetingId: 'm1', userId: 'u2', raisedAt: at(39) })).toBe(true);
    expect(await db.meetings.raiseHand({ meetingId: 'm1', userId: 'u0', raisedAt: at(41) })).toBe(true);
    expect(await db.meetings.raiseHand({ meetingId: 'm1', userId: 'u2', raisedAt: at(45) })).toBe(false);
    expect(await db.meetings.raiseHand({ meetingId: 'm2', userId: 'u3', raisedAt: at(38) })).toBe(true);
    expect((await db.meetings.hands('m1')).map((row) => [row.userId, row.raisedAt])).toEqual([
      ['u2', at(39)],
      ['u1', at(40)],
      ['u0', at(41)],
    ]);
    expect(await db.meetings.lowerHands('m1', 'u1')).toBe(1);
    expect(await db.meetings.lowerHands('m1', 'u1')).toBe(0);
    expect(await db.meetings.lowerHands('m1')).toBe(2);
    expect(await db.meetings.hands('m1')).toEqual([]);
    // Another meeting's queue is untouched.
    expect((await db.meetings.hands('m2')).map((row) => row.userId)).toEqual(['u3']);
  });

  it('opens and closes a vote once; a closed vote takes no ballot', async () => {
    await openVote('v1', 'm1', approval('a1'));
    expect(await db.meetings.getVote('v1')).toMatchObject({
      status: 'open',
      spec: approval('a1'),
      closedAt: null,
    });
    const closed = await db.meetings.closeVote('v1', at(12));
    expect(closed).toMatchObject({ id: 'v1', status: 'closed', closedAt: at(12), eligibleCount: 3 });
    expect(await db.meetings.closeVote('v1', at(13))).toBeNull();
    expect(await db.meetings.closeVote('nope', at(13))).toBeNull();
    expect((await db.meetings.getVote('v1'))?.closedAt).toEqual(at(12));
    expect(await cast('v1', 'u1', approve)).toBe('closed');
    expect(await cast('nope', 'u1', approve)).toBe('closed');
    expect(await db.meetings.ballots('v1')).toEqual([]);
    expect(await db.meetings.tally('v1')).toEqual({});
  });

  it('takes one ballot per participant: a second one writes nothing and is refused', async () => {
    await openVote('v2', 'm1', approval('a2'), 14);
    expect(await cast('v2', 'u0', approve)).toBe('cast');
    expect(await cast('v2', 'u1', against)).toBe('cast');
    expect(await cast('v2', 'u1', approve)).toBe('already_voted');
    expect(await db.meetings.tally('v2')).toEqual({ approve: 1, against: 1 });
    expect(await db.meetings.ballots('v2')).toEqual([
      { voteId: 'v2', userId: 'u0', ballot: approve },
      { voteId: 'v2', userId: 'u1', ballot: against },
    ]);
    expect(await db.meetings.ballotsOf('m1', 'u1')).toEqual([
      { voteId: 'v2', userId: 'u1', ballot: against },
    ]);
    expect(await db.meetings.ballotsOf('m2', 'u1')).toEqual([]);
    expect((await db.meetings.votes('m1')).map((row) => [row.id, row.status])).toEqual([
      ['v1', 'closed'],
      ['v2', 'open'],
    ]);
    await db.meetings.closeVote('v2', at(15));
  });

  it('counts a ballot sent twice at once only once', async () => {
    await openVote('v3', 'm1', approval('a3'), 16);
    const results = await Promise.all(Array.from({ length: 8 }, () => cast('v3', 'u1', approve)));
    expect(results.filter((result) => result === 'cast')).toHaveLength(1);
    expect(results.filter((result) => result === 'already_voted')).toHaveLength(7);
    expect(await db.meetings.tally('v3')).toEqual({ approve: 1 });
    expect(await db.meetings.ballots('v3')).toHaveLength(1);
    await db.meetings.closeVote('v3', at(17));
  });

  it('keeps no choice on an anonymous ballot row, only the tallies', async () => {
    await openVote('v4', 'm1', approval('a1', true), 18);
    expect(await cast('v4', 'u0', approve, true)).toBe('cast');
    expect(await cast('v4', 'u1', against, true)).toBe('cast');
    expect(await cast('v4', 'u1', approve, true)).toBe('already_voted');
    expect(await db.meetings.ballots('v4')).toEqual([
      { voteId: 'v4', userId: 'u0', ballot: null },
      { voteId: 'v4', userId: 'u1', ballot: null },
    ]);
    expect(await db.meetings.tally('v4')).toEqual({ approve: 1, against: 1 });
    expect(await rawBallotColumns('v4')).toEqual([null, null]);
    await db.meetings.closeVote('v4', at(19));
  });

  it('sums the dots of many participants voting at once', async () => {
    const spec: VoteSpec = {
      kind: 'dots',
      title: '征集建议排序',
      candidateItemIds: ['a1', 'a2', 'a3'],
      dotsPerParticipant: 3,
      anonymous: false,
    };
    await openVote('v5', 'm1', spec, 20);
    const results = await Promise.all(
      users.map((userId, index) =>
        cast('v5', userId, { kind: 'dots', dots: index % 2 === 0 ? { a1: 2, a3: 1 } : { a2: 3, a3: 0 } }),
      ),
    );
    expect(results.every((result) => result === 'cast')).toBe(true);
    expect(await db.meetings.tally('v5')).toEqual({ a1: 40, a2: 60, a3: 20 });
    expect(await db.meetings.ballots('v5')).toHaveLength(40);
    await db.meetings.closeVote('v5', at(21));
  });

  it('counts exactly the accepted ballots when the vote closes while they arrive', async () => {
    await openVote('v6', 'm1', approval('a2'), 22);
    // Some ballots are accepted, then more are sent together with the close, none of these awaited.
    const early = await Promise.all(users.slice(0, 10).map((userId) => cast('v6', userId, approve)));
    const racing = users.slice(10, 25).map((userId) => cast('v6', userId, approve));
    const closing = db.meetings.closeVote('v6', at(23));
    const late = users.slice(25).map((userId) => cast('v6', userId, approve));
    const [raced, closed] = await Promise.all([Promise.all([...racing, ...late]), closing]);
    const results = [...early, ...raced];
    expect(early.every((result) => result === 'cast')).toBe(true);
    expect(closed?.status).toBe('closed');
    const accepted = results.filter((result) => result === 'cast').length;
    expect(accepted + results.filter((result) => result === 'closed').length).toBe(users.length);
    expect(await db.meetings.tally('v6')).toEqual(accepted === 0 ? {} : { approve: accepted });
    expect(await db.meetings.ballots('v6')).toHaveLength(accepted);
  });

  it('records decisions on agenda items and deletes them within their meeting only', async () => {
    const decision = (id: string, itemId: string, minute: number) => ({
      id,
      meetingId: 'm1',
      itemId,
      kind: 'assigned' as const,
      assignee: '财经委',
      note: '交办财经委',
      recordedBy: 'u0',
      recordedAt: at(minute),
    });
    await db.meetings.insertDecision(decision('d2', 'a2', 51));
    await db.meetings.insertDecision(decision('d1', 'a1', 50));
    await db.meetings.insertDecision({
      ...decision('d3', 'b1', 52),
      meetingId: 'm2',
      kind: 'deferred',
      assignee: null,
    });
    expect(await db.meetings.decisions('m1')).toEqual([decision('d1', 'a1', 50), decision('d2', 'a2', 51)]);
    expect((await db.meetings.decisionsOnItems(['a2', 'b1'])).map((row) => row.id)).toEqual(['d2', 'd3']);
    expect(await db.meetings.decisionsOnItems([])).toEqual([]);
    expect(await db.meetings.deleteDecision('m2', 'd1')).toBe(false);
    expect(await db.meetings.deleteDecision('m1', 'd1')).toBe(true);
    expect(await db.meetings.deleteDecision('m1', 'd1')).toBe(false);
    expect((await db.meetings.decisions('m1')).map((row) => row.id)).toEqual(['d2']);
  });

  it('reads corrupt JSON columns without crashing: the vote is left out, the ballot reads as none', async () => {
    await openVote('v7', 'm2', approval('b1'), 24);
    expect(await cast('v7', 'u3', approve)).toBe('cast');
    await corrupt();
    expect((await db.meetings.votes('m2')).map((row) => row.id)).toEqual([]);
    expect(await db.meetings.getVote('v7')).toBeNull();
    expect(await db.meetings.ballots('v7')).toEqual([{ voteId: 'v7', userId: 'u3', ballot: null }]);
  });

  it('keeps one vote open per meeting, even when several are opened at once', async () => {
    const opened = await Promise.all(
      ['race-1', 'race-2', 'race-3', 'race-4'].map((id) => openVote(id, 'm1', approval('a1'), 30)),
    );
    expect(opened.filter(Boolean)).toHaveLength(1);
    const open = (await db.meetings.votes('m1')).filter((vote) => vote.status === 'open');
    expect(open.map((vote) => vote.id)).toHaveLength(1);
    // Once it is closed, the next one opens.
    await db.meetings.closeVote(open[0]?.id ?? '', at(31));
    expect(await openVote('race-5', 'm1', approval('a1'), 32)).toBe(true);
    await db.meetings.closeVote('race-5', at(33));
  });

  /** The stored `ballot` column of a vote's rows, read beside the store. */
  async function rawBallotColumns(voteId: string): Promise<unknown[]> {
    return raw(`select ballot from meeting_ballots where vote_id = '${voteId}' order by user_id`, 'ballot');
  }
  async function corrupt(): Promise<void> {
    await raw(`update meeting_votes set spec = '{"kind":"nope"' where id = 'v7'`);
    await raw(`update meeting_ballots set ballot = '[1,2]' where vote_id = 'v7'`);
  }
  async function raw(statement: string, column?: string): Promise<unknown[]> {
    const config = database().config;
    if (config.dialect === 'sqlite') {
      const client = new BetterSqlite3(config.file);
      try {
        if (column === undefined) {
          client.prepare(statement).run();
          return [];
        }
        return (client.prepare(statement).all() as Record<string, unknown>[]).map((row) => row[column]);
      } finally {
        client.close();
      }
    }
    const sql = postgres(config.url, { max: 1, onnotice: () => undefined });
    try {
      const rows = await sql.unsafe(statement);
      return column === undefined ? [] : rows.map((row) => (row as Record<string, unknown>)[column]);
    } finally {
      await sql.end();
    }
  }
});
