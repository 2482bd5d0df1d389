import { afterAll, afterEach, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import {
  BOARD_NAMESPACE,
  ErrorBody,
  MeetingResponse,
  MeetingsResponse,
  TopicMeetingRecordsResponse,
  type MeetingAck,
  type MeetingLiveState,
  type MeetingVote,
} from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

/*
 * Issue 7's acceptance for the server: a council of chairs run live over real socket.io clients and the
 * REST API, on a real database. Focus and timers reach everyone, only facilitators control, one ballot per
 * participant, anonymous votes reveal nobody's choice, and a dropped participant rejoins in the same state.
 */

const CITY_PLAN = 'city-2021';
const TOPICS = ['city-2021-enforcement', 'city-2021-business', 'city-2021-rural-revitalization'];
/** A 示范区 topic: its plan is approved but not yet published, so 示范镇 (a peer below 示范县) may not read it. */
const UNPUBLISHED_PLAN = 'county-2-2021';
const UNPUBLISHED_TOPIC = 'county-2-2021-enforcement';
/** Time given to an event that must not arrive, after the ones that must have. */
const SETTLE_MS = 300;

const FACILITATOR = 'city.admin';
const SECRETARY = 'city.editor';
const PARTICIPANT = 'city.deputy';
const COUNTY_GUEST = 'county.admin';
const OBSERVER = 'city.viewer';
/** An organiser (editor of every organisation) who is not in the meeting. */
const ORGANISER = 'test.editor';
const OUTSIDER = 'township.editor';

type Reply = { status: number; body: unknown };
type Heard = { event: string; args: unknown[] };
type Ack = MeetingAck<Record<string, unknown>>;

const codeOf = (reply: Reply) => ErrorBody.parse(reply.body).error.code;
const refusal = (ack: Ack) => (ack.ok ? 'ok' : ack.code);

describeEachDialect('meeting mode: a council of chairs run live', (dialect) => {
  const { running } = useTestServer(dialect);
  const sessions = new Map<string, SignedIn>();
  const sockets: BoardSocket[] = [];
  let meetingId = '';
  let itemIds: string[] = [];

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => sessions.clear());

  async function as(username: string): Promise<SignedIn> {
    const existing = sessions.get(username);
    if (existing) return existing;
    const client = await running().signIn(username);
    sessions.set(username, client);
    return client;
  }

  async function call(username: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await (
      await as(username)
    ).fetch(path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  async function detail(username: string): Promise<MeetingResponse> {
    const reply = await call(username, 'GET', `/api/meetings/${meetingId}`);
    expect(reply.status).toBe(200);
    return MeetingResponse.parse(reply.body);
  }

  /** A board socket of `username` recording every event it hears. */
  async function board(username: string): Promise<{ socket: BoardSocket; heard: Heard[] }> {
    const result = await connectBoardSocket(running().baseUrl, {
      token: await (await as(username)).syncToken(),
    });
    if (!result.ok) throw new Error(`board socket of ${username} refused: ${result.code}`);
    const heard: Heard[] = [];
    result.socket.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));
    sockets.push(result.socket);
    return { socket: result.socket, heard };
  }

  /** A board socket that has joined the meeting; resolves with the join's live state. */
  async function joined(username: string) {
    const client = await board(username);
    const ack = await client.socket.emitWithAck('meeting:join', { meetingId });
    if (!ack.ok) throw new Error(`join of ${username} refused: ${ack.code}`);
    return { ...client, state: ack.state };
  }

  const userId = async (username: string) => (await as(username)).me.user.id;
  const heardOf = (heard: Heard[], event: string) =>
    heard.filter((entry) => entry.event === event).map((entry) => entry.args[0]);

  const members = async () => [
    { userId: await userId(FACILITATOR), role: 'facilitator' },
    { userId: await userId(SECRETARY), role: 'secretary' },
    { userId: await userId(PARTICIPANT), role: 'participant' },
    { userId: await userId(COUNTY_GUEST), role: 'participant' },
    { userId: await userId(OBSERVER), role: 'observer' },
  ];

  it('schedules a meeting that only its members and organisers can see', async () => {
    const created = await call(SECRETARY, 'POST', '/api/meetings', {
      orgId: 'city',
      kind: 'council_of_chairs',
      title: '2021年第4次主任会议',
      startsAt: '2021-04-02T09:00:00+08:00',
      agenda: [
        ...TOPICS.map((topicId) => ({ kind: 'topic', planId: CITY_PLAN, topicId })),
        { kind: 'other', title: '其他事项' },
      ],
      members: await members(),
    });
    expect(created.status).toBe(201);
    const body = MeetingResponse.parse(created.body);
    meetingId = body.meeting.id;
    itemIds = body.meeting.agenda.map((item) => item.id);
    expect(body.meeting.status).toBe('scheduled');
    expect(body.meeting.agenda.map((item) => item.title)).toEqual([
      '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问',
      '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评',
      '开展《中华人民共和国乡村振兴促进法》实施情况执法检查',
      '其他事项',
    ]);
    expect(
      body.meeting.members.find((m) => m.role === 'participant' && m.orgNames.includes('示范县')),
    ).toBeTruthy();

    const guest = await detail(COUNTY_GUEST);
    expect(guest.meeting.myRole).toBe('participant');
    expect([guest.canOrganise, guest.canFacilitate, guest.canMinute]).toEqual([false, false, false]);
    const organiser = await detail(ORGANISER);
    expect(organiser.meeting.myRole).toBeNull();
    expect([organiser.canOrganise, organiser.canFacilitate]).toEqual([true, false]);

    const outsider = await call(OUTSIDER, 'GET', `/api/meetings/${meetingId}`);
    expect([outsider.status, codeOf(outsider)]).toEqual([404, 'meeting_not_found']);
    const list = MeetingsResponse.parse((await call(OUTSIDER, 'GET', '/api/meetings')).body);
    expect(list.meetings.map((m) => m.id)).not.toContain(meetingId);
    const mine = MeetingsResponse.parse((await call(PARTICIPANT, 'GET', '/api/meetings')).body);
    expect(mine.meetings.find((m) => m.id === meetingId)?.myRole).toBe('participant');
  });

  it('refuses invalid setups and changes nothing', async () => {
    const before = MeetingsResponse.parse((await call(SECRETARY, 'GET', '/api/meetings')).body).meetings
      .length;
    const base = {
      orgId: 'city',
      kind: 'symposium',
      title: '座谈会',
      startsAt: '2021-05-01T09:00:00+08:00',
    };
    const noFacilitator = await call(SECRETARY, 'POST', '/api/meetings', {
      ...base,
      members: [{ userId: await userId(PARTICIPANT), role: 'participant' }],
    });
    expect([noFacilitator.status, codeOf(noFacilitator)]).toEqual([422, 'facilitator_required']);
    const unknownUser = await call(SECRETARY, 'POST', '/api/meetings', {
      ...base,
      members: [{ userId: 'no-such-user', role: 'facilitator' }],
    });
    expect([unknownUser.status, codeOf(unknownUser)]).toEqual([422, 'user_not_found']);
    const badBody = await call(SECRETARY, 'POST', '/api/meetings', {
      ...base,
      startsAt: 'tomorrow',
      members: [],
    });
    expect(badBody.status).toBe(400);
    const unreadable = await call(SECRETARY, 'POST', '/api/meetings', {
      ...base,
      agenda: [{ kind: 'topic', planId: UNPUBLISHED_PLAN, topicId: UNPUBLISHED_TOPIC }],
      members: [
        { userId: await userId(FACILITATOR), role: 'facilitator' },
        { userId: await userId(OUTSIDER), role: 'participant' },
      ],
    });
    expect([unreadable.status, codeOf(unreadable)]).toEqual([422, 'plan_not_readable']);
    expect(ErrorBody.parse(unreadable.body).error.message).toContain('示范镇人大主席团 吴芳');
    const notOrganiser = await call(PARTICIPANT, 'POST', '/api/meetings', {
      ...base,
      members: [{ userId: await userId(FACILITATOR), role: 'facilitator' }],
    });
    expect([notOrganiser.status, codeOf(notOrganiser)]).toEqual([403, 'forbidden']);
    const after = MeetingsResponse.parse((await call(SECRETARY, 'GET', '/api/meetings')).body).meetings
      .length;
    expect(after).toBe(before);

    // The same plan put on this meeting's agenda: the county guest (a peer of 示范区) may not read it.
    const agenda = await call(SECRETARY, 'PUT', `/api/meetings/${meetingId}/agenda`, {
      items: [{ kind: 'topic', planId: UNPUBLISHED_PLAN, topicId: UNPUBLISHED_TOPIC }],
    });
    expect([agenda.status, codeOf(agenda)]).toEqual([422, 'plan_not_readable']);
    const unknownTopic = await call(SECRETARY, 'PUT', `/api/meetings/${meetingId}/agenda`, {
      items: [{ kind: 'topic', planId: CITY_PLAN, topicId: 'no-such-topic' }],
    });
    expect([unknownTopic.status, codeOf(unknownTopic)]).toEqual([422, 'agenda_item_not_found']);
    const byParticipant = await call(PARTICIPANT, 'PUT', `/api/meetings/${meetingId}/agenda`, { items: [] });
    expect(byParticipant.status).toBe(403);
    expect((await detail(SECRETARY)).meeting.agenda.map((item) => item.id)).toEqual(itemIds);
  });

  it('keeps non-members out of the live meeting and controls with facilitators', async () => {
    const startByParticipant = await call(PARTICIPANT, 'POST', `/api/meetings/${meetingId}/transitions`, {
      to: 'live',
    });
    expect(startByParticipant.status).toBe(403);
    const started = await call(FACILITATOR, 'POST', `/api/meetings/${meetingId}/transitions`, { to: 'live' });
    expect(started.status).toBe(200);
    expect(MeetingResponse.parse(started.body).meeting.status).toBe('live');
    const again = await call(FACILITATOR, 'POST', `/api/meetings/${meetingId}/transitions`, { to: 'live' });
    expect([again.status, codeOf(again)]).toEqual([409, 'invalid_meeting_transition']);

    const outsider = await board(OUTSIDER);
    expect(refusal(await outsider.socket.emitWithAck('meeting:join', { meetingId }))).toBe('not_a_member');
    const organiser = await board(ORGANISER);
    expect(refusal(await organiser.socket.emitWithAck('meeting:join', { meetingId }))).toBe('not_a_member');
    expect(
      refusal(await organiser.socket.emitWithAck('meeting:focus', { meetingId, itemId: itemIds[1]! })),
    ).toBe('not_a_member');
    expect(refusal(await outsider.socket.emitWithAck('meeting:join', { meetingId: '../x' }))).toBe(
      'invalid_payload',
    );

    const participant = await joined(PARTICIPANT);
    const secretary = await joined(SECRETARY);
    for (const { socket } of [participant, secretary]) {
      expect(refusal(await socket.emitWithAck('meeting:focus', { meetingId, itemId: itemIds[1]! }))).toBe(
        'not_facilitator',
      );
      expect(refusal(await socket.emitWithAck('meeting:summon', { meetingId }))).toBe('not_facilitator');
      expect(
        refusal(
          await socket.emitWithAck('meeting:timer', {
            meetingId,
            itemId: itemIds[0]!,
            timer: { action: 'start' },
          }),
        ),
      ).toBe('not_facilitator');
      expect(
        refusal(
          await socket.emitWithAck('meeting:vote:open', {
            meetingId,
            spec: { kind: 'approval', title: '表决', itemId: itemIds[0]!, anonymous: false },
          }),
        ),
      ).toBe('not_facilitator');
      expect(refusal(await socket.emitWithAck('meeting:hands:clear', { meetingId }))).toBe('not_facilitator');
    }
    const state = (await joined(PARTICIPANT)).state;
    expect(state.focus.itemId).toBeNull();
    expect(state.timers[itemIds[0]!]?.runningSince).toBeNull();
    expect(heardOf(participant.heard, 'meeting:focus')).toEqual([]);
  });

  it('brings the focus and the timer to every participant', async () => {
    const facilitator = await joined(FACILITATOR);
    const others = await Promise.all([PARTICIPANT, COUNTY_GUEST, OBSERVER, SECRETARY].map(joined));
    const focused = await facilitator.socket.emitWithAck('meeting:focus', { meetingId, itemId: itemIds[1]! });
    expect(focused).toEqual({ ok: true });
    for (const { heard } of [facilitator, ...others])
      await waitFor('the focus everywhere', () =>
        heardOf(heard, 'meeting:focus').some(
          (payload) => (payload as { focus: { itemId: string } }).focus.itemId === itemIds[1],
        ),
      );

    expect(
      await facilitator.socket.emitWithAck('meeting:timer', {
        meetingId,
        itemId: itemIds[1]!,
        timer: { action: 'set', durationMs: 5 * 60_000 },
      }),
    ).toEqual({ ok: true });
    expect(
      await facilitator.socket.emitWithAck('meeting:timer', {
        meetingId,
        itemId: itemIds[1]!,
        timer: { action: 'start' },
      }),
    ).toEqual({ ok: true });
    for (const { heard } of others) {
      const timers = await waitFor('the running timer everywhere', () => {
        const running = heardOf(heard, 'meeting:timer').filter(
          (payload) => (payload as { timer: { runningSince: number | null } }).timer.runningSince !== null,
        );
        return running.length > 0 ? running : null;
      });
      expect(timers[0]).toMatchObject({ meetingId, itemId: itemIds[1], timer: { durationMs: 5 * 60_000 } });
    }

    // Presence: everyone who joined is online and following; a participant who looks elsewhere is not following.
    const online = new Map(
      (await joined(OBSERVER)).state.online.map((entry) => [entry.userId, entry.following]),
    );
    expect(online.get(await userId(COUNTY_GUEST))).toBe(true);
    const guest = others[1]!;
    expect(await guest.socket.emitWithAck('meeting:follow', { meetingId, following: false })).toEqual({
      ok: true,
    });
    const guestId = await userId(COUNTY_GUEST);
    await waitFor('the guest breaking away', () =>
      heardOf(facilitator.heard, 'meeting:presence').some(
        (p) =>
          (p as { userId: string; following: boolean }).userId === guestId &&
          !(p as { following: boolean }).following,
      ),
    );
    expect(await facilitator.socket.emitWithAck('meeting:summon', { meetingId })).toEqual({ ok: true });
    await waitFor('the summon at the guest', () => heardOf(guest.heard, 'meeting:summon').length > 0);
    expect(heardOf(guest.heard, 'meeting:summon')[0]).toMatchObject({ focus: { itemId: itemIds[1] } });
    await waitFor('the guest following again', () =>
      heardOf(facilitator.heard, 'meeting:presence').some(
        (p) =>
          (p as { userId: string; following: boolean }).userId === guestId &&
          (p as { following: boolean }).following,
      ),
    );

    // Hands: a queue in order that the facilitator clears.
    expect(await others[0]!.socket.emitWithAck('meeting:hand', { meetingId, raised: true })).toEqual({
      ok: true,
    });
    expect(await guest.socket.emitWithAck('meeting:hand', { meetingId, raised: true })).toEqual({ ok: true });
    const hands = await waitFor('two hands', () => {
      const last = heardOf(facilitator.heard, 'meeting:hands').at(-1) as
        { hands: { userId: string }[] } | undefined;
      return last && last.hands.length === 2 ? last.hands : null;
    });
    expect(hands.map((hand) => hand.userId)).toEqual([await userId(PARTICIPANT), guestId]);
    expect(await facilitator.socket.emitWithAck('meeting:hands:clear', { meetingId })).toEqual({ ok: true });
    await waitFor('no hands', () => {
      const last = heardOf(guest.heard, 'meeting:hands').at(-1) as { hands: unknown[] } | undefined;
      return last?.hands.length === 0;
    });
  });

  it('counts one ballot per participant and hides the result until the vote closes', async () => {
    const facilitator = await joined(FACILITATOR);
    const participant = await joined(PARTICIPANT);
    const observer = await joined(OBSERVER);
    const opened = await facilitator.socket.emitWithAck('meeting:vote:open', {
      meetingId,
      spec: { kind: 'approval', title: '同意将该议题列入计划', itemId: itemIds[1]!, anonymous: false },
    });
    if (!opened.ok) throw new Error(opened.code);
    const voteId = opened.voteId;
    const second = await facilitator.socket.emitWithAck('meeting:vote:open', {
      meetingId,
      spec: { kind: 'approval', title: '另一项表决', itemId: itemIds[0]!, anonymous: false },
    });
    expect(refusal(second)).toBe('vote_already_open');

    const ballot = { kind: 'approval', choice: 'approve' } as const;
    expect(await participant.socket.emitWithAck('meeting:ballot', { meetingId, voteId, ballot })).toEqual({
      ok: true,
    });
    const twice = await participant.socket.emitWithAck('meeting:ballot', {
      meetingId,
      voteId,
      ballot: { kind: 'approval', choice: 'against' },
    });
    expect(refusal(twice)).toBe('already_voted');
    expect(refusal(await observer.socket.emitWithAck('meeting:ballot', { meetingId, voteId, ballot }))).toBe(
      'not_a_voter',
    );
    const wrongKind = await facilitator.socket.emitWithAck('meeting:ballot', {
      meetingId,
      voteId,
      ballot: { kind: 'dots', dots: { [itemIds[0]!]: 1 } },
    });
    expect(refusal(wrongKind)).toBe('invalid_ballot');

    await waitFor('the count of one ballot', () =>
      heardOf(observer.heard, 'meeting:vote').some(
        (p) => (p as { vote: MeetingVote }).vote.ballotCount === 1,
      ),
    );
    const whileOpen = (await detail(PARTICIPANT)).meeting.votes.find((vote) => vote.id === voteId);
    expect(whileOpen).toMatchObject({ status: 'open', ballotCount: 1, result: null, ballots: null });
    for (const payload of heardOf(observer.heard, 'meeting:vote'))
      expect((payload as { vote: MeetingVote }).vote).toMatchObject({ result: null, ballots: null });
    expect(heardOf(participant.heard, 'meeting:ballot')).toEqual([{ meetingId, voteId, ballot }]);

    const closed = await facilitator.socket.emitWithAck('meeting:vote:close', { meetingId, voteId });
    if (!closed.ok) throw new Error(closed.code);
    expect(closed.vote.result).toEqual({ approve: 1, against: 0, abstain: 0 });
    expect(closed.vote.ballots).toEqual([
      { userId: await userId(PARTICIPANT), displayName: '市人大代表 刘洋', ballot },
    ]);
    const heardClosed = await waitFor('the result at the observer', () =>
      heardOf(observer.heard, 'meeting:vote')
        .map((p) => (p as { vote: MeetingVote }).vote)
        .find((vote) => vote.status === 'closed'),
    );
    expect(heardClosed.result).toEqual({ approve: 1, against: 0, abstain: 0 });
    // On the topic's records (any reader of the plan) a named vote shows its counts, not who chose what.
    const records = TopicMeetingRecordsResponse.parse(
      (await call(OBSERVER, 'GET', `/api/plans/${CITY_PLAN}/meeting-records`)).body,
    );
    const recorded = records.records.find((r) => r.entry.type === 'vote' && r.entry.vote.id === voteId);
    expect(recorded?.entry).toMatchObject({ vote: { result: { approve: 1 }, ballots: null } });
    expect(refusal(await facilitator.socket.emitWithAck('meeting:vote:close', { meetingId, voteId }))).toBe(
      'vote_closed',
    );
    const late = await facilitator.socket.emitWithAck('meeting:ballot', { meetingId, voteId, ballot });
    expect(refusal(late)).toBe('vote_closed');
  });

  it('never reveals who chose what in an anonymous dot vote', async () => {
    const voters = [FACILITATOR, PARTICIPANT, COUNTY_GUEST];
    const clients = await Promise.all([...voters, OBSERVER, SECRETARY].map(joined));
    const facilitator = clients[0]!;
    const candidates = itemIds.slice(0, 3);
    const opened = await facilitator.socket.emitWithAck('meeting:vote:open', {
      meetingId,
      spec: {
        kind: 'dots',
        title: '议题排序',
        candidateItemIds: candidates,
        dotsPerParticipant: 2,
        anonymous: true,
      },
    });
    if (!opened.ok) throw new Error(opened.code);
    const voteId = opened.voteId;
    const ballots = [
      { [candidates[0]!]: 2 },
      { [candidates[0]!]: 1, [candidates[2]!]: 1 },
      { [candidates[1]!]: 1 },
    ];
    const tooMany = await clients[1]!.socket.emitWithAck('meeting:ballot', {
      meetingId,
      voteId,
      ballot: { kind: 'dots', dots: { [candidates[0]!]: 3 } },
    });
    expect(refusal(tooMany)).toBe('invalid_ballot');
    for (const [index, dots] of ballots.entries())
      expect(
        await clients[index]!.socket.emitWithAck('meeting:ballot', {
          meetingId,
          voteId,
          ballot: { kind: 'dots', dots },
        }),
      ).toEqual({ ok: true });
    const closed = await facilitator.socket.emitWithAck('meeting:vote:close', { meetingId, voteId });
    if (!closed.ok) throw new Error(closed.code);
    expect(closed.vote.result).toEqual({ [candidates[0]!]: 3, [candidates[1]!]: 1, [candidates[2]!]: 1 });
    expect(closed.vote.ballots).toBeNull();
    for (const { heard } of clients)
      await waitFor('the closed vote everywhere', () =>
        heardOf(heard, 'meeting:vote').some((p) => (p as { vote: MeetingVote }).vote.status === 'closed'),
      );
    await sleep(SETTLE_MS);

    const voterIds = await Promise.all(voters.map(userId));
    // Only a voter's own sockets hear that their ballot counted, and only as `cast`.
    for (const [index, { heard }] of clients.entries()) {
      const own = heardOf(heard, 'meeting:ballot');
      expect(own).toEqual(index < voters.length ? [{ meetingId, voteId, ballot: 'cast' }] : []);
      for (const entry of heard) {
        if (entry.event === 'meeting:presence' || entry.event === 'meeting:hands') continue;
        const text = JSON.stringify(entry.args);
        for (const id of voterIds) expect(text, `${entry.event} names a voter`).not.toContain(id);
      }
    }
    const vote = (await detail(SECRETARY)).meeting.votes.find((entry) => entry.id === voteId);
    expect(vote).toMatchObject({ status: 'closed', ballotCount: 3, ballots: null });
    for (const id of voterIds) expect(JSON.stringify(vote)).not.toContain(id);
    const records = await call(OBSERVER, 'GET', `/api/plans/${CITY_PLAN}/meeting-records`);
    expect(records.status).toBe(200);
    const parsed = TopicMeetingRecordsResponse.parse(records.body);
    const dotRecords = parsed.records.filter(
      (record) => record.entry.type === 'vote' && record.entry.vote.id === voteId,
    );
    expect(dotRecords.map((record) => record.topicId).sort()).toEqual([...TOPICS].sort());
    for (const id of voterIds) expect(JSON.stringify(dotRecords)).not.toContain(id);
    // A voter who rejoins sees that they voted, not what.
    const rejoined = await joined(PARTICIPANT);
    expect(rejoined.state.myBallots[voteId]).toBe('cast');
  });

  it('gives a participant whose network dropped the current state when it reconnects', async () => {
    const facilitator = await joined(FACILITATOR);
    const opened = await facilitator.socket.emitWithAck('meeting:vote:open', {
      meetingId,
      spec: { kind: 'approval', title: '同意交办财经委', itemId: itemIds[2]!, anonymous: false },
    });
    if (!opened.ok) throw new Error(opened.code);
    const voteId = opened.voteId;

    // A client that reconnects by itself, as the web app's does, and joins again on every connect.
    const token = await (await as(PARTICIPANT)).syncToken();
    const socket: BoardSocket = io(`${running().baseUrl}${BOARD_NAMESPACE}`, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
      forceNew: true,
    });
    sockets.push(socket);
    const states: MeetingLiveState[] = [];
    socket.on('connect', () => {
      void socket.emitWithAck('meeting:join', { meetingId }).then((ack) => {
        if (ack.ok) states.push(ack.state);
      });
    });
    await waitFor('the first join', () => states.length === 1);
    const ballot = { kind: 'approval', choice: 'abstain' } as const;
    expect(await socket.emitWithAck('meeting:ballot', { meetingId, voteId, ballot })).toEqual({ ok: true });

    const participantId = await userId(PARTICIPANT);
    // The network stays down until the facilitator has moved on (reconnecting is resumed below), so the
    // rejoin cannot overtake the changes it must see, however slow the machine.
    socket.io.reconnection(false);
    socket.io.engine.close();
    await waitFor('the participant offline at the facilitator', () =>
      heardOf(facilitator.heard, 'meeting:presence').some(
        (p) =>
          (p as { userId: string; online: boolean }).userId === participantId &&
          !(p as { online: boolean }).online,
      ),
    );
    // While it is away the focus moves and the timer starts.
    expect(await facilitator.socket.emitWithAck('meeting:focus', { meetingId, itemId: itemIds[2]! })).toEqual(
      { ok: true },
    );
    expect(
      await facilitator.socket.emitWithAck('meeting:timer', {
        meetingId,
        itemId: itemIds[2]!,
        timer: { action: 'start' },
      }),
    ).toEqual({ ok: true });

    socket.io.reconnection(true);
    socket.connect();
    const state = await waitFor('the join after reconnecting', () => states[1]);
    expect(state.status).toBe('live');
    expect(state.focus.itemId).toBe(itemIds[2]);
    expect(state.focus.seq).toBeGreaterThan(states[0]!.focus.seq);
    expect(state.timers[itemIds[2]!]?.runningSince).not.toBeNull();
    expect(state.myBallots[voteId]).toEqual(ballot);
    expect(state.votes.find((vote) => vote.id === voteId)).toMatchObject({
      status: 'open',
      ballotCount: 1,
      result: null,
    });
    expect(state.online.map((entry) => entry.userId)).toContain(participantId);

    // A second ballot after reconnecting is still refused.
    expect(refusal(await socket.emitWithAck('meeting:ballot', { meetingId, voteId, ballot }))).toBe(
      'already_voted',
    );
  });

  it('takes control away from a member removed mid-meeting', async () => {
    const guest = await joined(COUNTY_GUEST);
    const facilitator = await joined(FACILITATOR);
    const guestId = await userId(COUNTY_GUEST);
    const replaced = await call(SECRETARY, 'PUT', `/api/meetings/${meetingId}/members`, {
      members: (await members()).filter((member) => member.userId !== guestId),
    });
    expect(replaced.status).toBe(200);
    await waitFor('the guest told of the change', () => heardOf(guest.heard, 'meeting:changed').length > 0);
    expect(refusal(await guest.socket.emitWithAck('meeting:hand', { meetingId, raised: true }))).toBe(
      'not_a_member',
    );
    const focusesBefore = heardOf(guest.heard, 'meeting:focus').length;
    expect(await facilitator.socket.emitWithAck('meeting:focus', { meetingId, itemId: itemIds[0]! })).toEqual(
      { ok: true },
    );
    await waitFor('the focus at the facilitator', () =>
      heardOf(facilitator.heard, 'meeting:focus').some(
        (p) => (p as { focus: { itemId: string } }).focus.itemId === itemIds[0],
      ),
    );
    await sleep(SETTLE_MS);
    expect(heardOf(guest.heard, 'meeting:focus').length).toBe(focusesBefore);
    const gone = await call(COUNTY_GUEST, 'GET', `/api/meetings/${meetingId}`);
    expect(gone.status).toBe(404);
  });

  it('records decisions and ends the meeting with its open vote tallied and timers stopped', async () => {
    const decision = await call(SECRETARY, 'POST', `/api/meetings/${meetingId}/decisions`, {
      itemId: itemIds[2]!,
      kind: 'assigned',
      assignee: '财经委',
      note: '会后两周内报送方案',
    });
    expect(decision.status).toBe(201);
    const byParticipant = await call(PARTICIPANT, 'POST', `/api/meetings/${meetingId}/decisions`, {
      itemId: itemIds[2]!,
      kind: 'deferred',
    });
    expect(byParticipant.status).toBe(403);
    const noAssignee = await call(SECRETARY, 'POST', `/api/meetings/${meetingId}/decisions`, {
      itemId: itemIds[2]!,
      kind: 'assigned',
    });
    expect(noAssignee.status).toBe(400);

    const observer = await joined(OBSERVER);
    const ended = await call(FACILITATOR, 'POST', `/api/meetings/${meetingId}/transitions`, { to: 'ended' });
    expect(ended.status).toBe(200);
    const body = MeetingResponse.parse(ended.body);
    expect(body.meeting.status).toBe('ended');
    expect(body.meeting.votes.every((vote) => vote.status === 'closed')).toBe(true);
    expect(body.meeting.votes.at(-1)?.result).toEqual({ approve: 0, against: 0, abstain: 1 });
    expect(body.meeting.agenda.every((item) => item.timer.runningSince === null)).toBe(true);
    expect(body.meeting.decisions).toMatchObject([
      { itemId: itemIds[2], kind: 'assigned', assignee: '财经委' },
    ]);
    await waitFor('the end announced', () => heardOf(observer.heard, 'meeting:changed').length > 0);

    const focusAfter = await (
      await joined(FACILITATOR)
    ).socket.emitWithAck('meeting:focus', {
      meetingId,
      itemId: itemIds[1]!,
    });
    expect(refusal(focusAfter)).toBe('meeting_not_live');
    const patch = await call(SECRETARY, 'PATCH', `/api/meetings/${meetingId}`, { title: '改名' });
    expect([patch.status, codeOf(patch)]).toEqual([409, 'meeting_ended']);

    const records = TopicMeetingRecordsResponse.parse(
      (await call(COUNTY_GUEST, 'GET', `/api/plans/${CITY_PLAN}/meeting-records`)).body,
    );
    expect(
      records.records.find((record) => record.entry.type === 'decision' && record.topicId === TOPICS[2]),
    ).toMatchObject({ meetingId, entry: { decision: { assignee: '财经委' } } });
    const audit = await running().server.db.audit.list({
      orgIds: ['city'],
      includeUnscoped: false,
      kind: 'meeting',
      limit: 100,
    });
    const actions = audit.map((event) => (event.detail as { action: string }).action);
    expect(actions).toEqual(
      expect.arrayContaining(['created', 'started', 'vote_opened', 'vote_closed', 'ended']),
    );
    expect(JSON.stringify(audit)).not.toContain('"choice"');
  });
  it('seeds the demo meetings for their members', async () => {
    const deputy = MeetingsResponse.parse((await call(PARTICIPANT, 'GET', '/api/meetings')).body);
    expect(deputy.meetings.find((m) => m.id === 'demo-council-2021-3')).toMatchObject({
      title: '2021年第3次主任会议',
      kind: 'council_of_chairs',
      status: 'scheduled',
      myRole: 'participant',
    });
    const guest = MeetingsResponse.parse((await call('county2.editor', 'GET', '/api/meetings')).body);
    expect(guest.meetings.map((m) => [m.id, m.myRole])).toEqual([['demo-symposium-2021', 'participant']]);
    const council = MeetingResponse.parse(
      (await call(SECRETARY, 'GET', '/api/meetings/demo-council-2021-3')).body,
    );
    expect(council.meeting.agenda.map((item) => [item.kind, item.readable])).toEqual([
      ['topic', true],
      ['topic', true],
      ['topic', true],
      ['other', true],
    ]);
    expect(council.meeting.agenda[1]?.title).toBe(
      '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评',
    );
    expect(council.canMinute).toBe(true);
  });
});
