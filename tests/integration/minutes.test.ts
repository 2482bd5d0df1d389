import { afterEach, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import {
  MINUTES_TEXT,
  minutesDocName,
  updateTopic,
  type Ballot,
  type MeetingRole,
  type VoteSpec,
} from '@yipan/domain';
import {
  CloseCode,
  ErrorBody,
  MeetingResponse,
  MinutesDraftResponse,
  type AgendaItem,
  type MeetingAck,
} from '@yipan/protocol';
import type { Database } from '@yipan/db';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import { openAdjustment } from '../support/openAdjustment';
import { probeDoc } from '../support/rawSocket';
import type { SignedIn } from '../support/signIn';
import { TEST_EDITOR } from '../support/startServer';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

/*
 * Issue 7's minutes (纪要): a Yjs document per meeting, edited live by its facilitators and secretaries,
 * read by its other members and its organisers, drafted by the server from the meeting's record and
 * exported as text. Real server, real y-websocket providers, real databases.
 */

const CITY_PLAN = 'city-2021';
const ENFORCEMENT = 'city-2021-enforcement';
const BUSINESS = 'city-2021-business';
/** Time for a dropped update to have reached the others and the database, were it not dropped. */
const SETTLE_MS = 400;
/** Keeps changes made just before and just after the meeting's start apart in the update log's clock. */
const CLOCK_GAP_MS = 30;
/** How often open connections re-check their access in this suite: a demotion takes effect within it. */
const RECHECK_INTERVAL_MS = 200;

const USERS = {
  facilitator: 'city.admin',
  secretary: 'city.editor',
  participant: 'city.viewer',
  /** An invited county director: reads the city plan as its child organisation. */
  invited: 'county.editor',
  outsider: 'county2.editor',
} as const;

/** A y-websocket client on one meeting's minutes, as the web app would open it. */
type MinutesClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): string;
  body(): Y.Text;
  close(): void;
};

function connectMinutes(syncUrl: string, meetingId: string, token: string): MinutesClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, minutesDocName(meetingId), doc, {
    // ws's WebSocket implements what the provider uses of the browser's; the DOM type differs in details.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  return {
    doc,
    provider,
    body: () => doc.getText(MINUTES_TEXT),
    text: () => doc.getText(MINUTES_TEXT).toString(),
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves with the close code of a provider's socket the next time it closes, and stops it reconnecting. */
function nextClose(client: MinutesClient): Promise<number> {
  return new Promise((resolve) => {
    const onClose = (event: CloseEvent | null) => {
      client.provider.off('connection-close', onClose);
      client.provider.shouldConnect = false;
      resolve(event?.code ?? -1);
    };
    client.provider.on('connection-close', onClose);
  });
}

type Reply = { status: number; body: unknown; headers: Headers; text: string };

async function call(client: SignedIn, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await client.fetch(path, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body, headers: response.headers, text };
}

const codeOf = (reply: Reply) => ErrorBody.parse(reply.body).error.code;

describeEachDialect('meeting minutes', (dialect) => {
  const { running, connect, track } = useTestServer(dialect, { liveRecheckIntervalMs: RECHECK_INTERVAL_MS });
  const people = {} as Record<keyof typeof USERS, SignedIn>;
  const tokens = {} as Record<keyof typeof USERS, string>;
  const opened: MinutesClient[] = [];
  const sockets: BoardSocket[] = [];
  afterEach(() => {
    for (const client of opened.splice(0)) client.close();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  beforeAll(async () => {
    for (const [key, username] of Object.entries(USERS) as [keyof typeof USERS, string][]) {
      people[key] = await running().signIn(username);
      tokens[key] = await people[key].syncToken();
    }
    // The city plan is executing (frozen): the test editor changes it within an adjustment, as an office would.
    await openAdjustment(running().editor, CITY_PLAN);
  });

  const db = (): Database => running().server.db;
  const idOf = (key: keyof typeof USERS) => people[key].me.user.id;

  async function minutesOf(key: keyof typeof USERS, meetingId: string): Promise<MinutesClient> {
    const client = connectMinutes(running().syncUrl, meetingId, tokens[key]);
    opened.push(client);
    await waitFor(`${key}'s minutes to sync`, () => client.provider.synced);
    return client;
  }

  /** A city council of chairs with two topics of the city plan and a free item, everyone in their role. */
  async function scheduleMeeting(): Promise<{ meetingId: string; agenda: AgendaItem[] }> {
    const roles: [keyof typeof USERS, MeetingRole][] = [
      ['facilitator', 'facilitator'],
      ['secretary', 'secretary'],
      ['participant', 'participant'],
      ['invited', 'participant'],
    ];
    const created = await call(people.facilitator, '/api/meetings', {
      method: 'POST',
      body: JSON.stringify({
        orgId: 'city',
        kind: 'council_of_chairs',
        title: '市人大常委会第三十次主任会议',
        startsAt: new Date().toISOString(),
        agenda: [
          { kind: 'topic', planId: CITY_PLAN, topicId: ENFORCEMENT },
          { kind: 'topic', planId: CITY_PLAN, topicId: BUSINESS },
          { kind: 'other', title: '研究其他事项' },
        ],
        members: roles.map(([key, role]) => ({ userId: idOf(key), role })),
      }),
    });
    if (created.status !== 201 && created.status !== 200)
      throw new Error(`meeting refused: ${created.status} ${created.text}`);
    const { meeting } = MeetingResponse.parse(created.body);
    return { meetingId: meeting.id, agenda: meeting.agenda };
  }

  async function boardOf(key: keyof typeof USERS): Promise<BoardSocket> {
    const connected = await connectBoardSocket(running().baseUrl, { token: tokens[key] });
    if (!connected.ok) throw new Error(`board refused ${key}: ${connected.code}`);
    sockets.push(connected.socket);
    return connected.socket;
  }

  /** Sends a live command and fails the test when the server refuses it. */
  async function command<T extends object>(
    send: (ack: (result: MeetingAck<T>) => void) => void,
  ): Promise<MeetingAck<T> & { ok: true }> {
    const result = await new Promise<MeetingAck<T>>((resolve) => send(resolve));
    if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
    return result;
  }

  /** The facilitator opens a vote, the voters cast their ballots over their own sockets, and it is closed. */
  async function holdVote(meetingId: string, spec: VoteSpec, ballots: [keyof typeof USERS, Ballot][]) {
    const facilitator = await boardOf('facilitator');
    const { voteId } = await command<{ voteId: string }>((ack) =>
      facilitator.emit('meeting:vote:open', { meetingId, spec }, ack),
    );
    for (const [key, ballot] of ballots) {
      const voter = key === 'facilitator' ? facilitator : await boardOf(key);
      await command((ack) => voter.emit('meeting:ballot', { meetingId, voteId, ballot }, ack));
    }
    await command((ack) => facilitator.emit('meeting:vote:close', { meetingId, voteId }, ack));
  }

  it('a secretary’s edits reach the participants live; a participant’s own edits go nowhere', async () => {
    const { meetingId } = await scheduleMeeting();
    const secretary = await minutesOf('secretary', meetingId);
    const participant = await minutesOf('participant', meetingId);
    const invited = await minutesOf('invited', meetingId);

    secretary.body().insert(0, '会议听取了市中级人民法院的报告。');
    await waitFor('the participant to receive the secretary’s text', () =>
      participant.text().includes('会议听取了市中级人民法院的报告。'),
    );
    await waitFor('the invited member to receive it', () => invited.text().includes('市中级人民法院'));

    const dropped = running().server.stats.droppedReadOnlyUpdates;
    participant.body().insert(0, '出席者擅自改写纪要。');
    await waitFor(
      'the server to drop the participant’s edit',
      () => running().server.stats.droppedReadOnlyUpdates > dropped,
    );
    await sleep(SETTLE_MS);
    expect(secretary.text()).not.toContain('擅自改写');
    expect(invited.text()).not.toContain('擅自改写');
    // Nor is it stored: a fresh reader gets only the secretary's text.
    const facilitator = await minutesOf('facilitator', meetingId);
    expect(facilitator.text()).toBe('会议听取了市中级人民法院的报告。');
    // And facilitators write too.
    facilitator.body().insert(facilitator.body().length, '会议同意。');
    await waitFor('the secretary to see the facilitator’s words', () =>
      secretary.text().endsWith('会议同意。'),
    );
  });

  it('refuses outsiders with 4403 and unknown meetings with 4404; organisers read', async () => {
    const { meetingId } = await scheduleMeeting();
    const url = (token: string, id = meetingId) =>
      `${running().syncUrl}/${minutesDocName(id)}?token=${encodeURIComponent(token)}`;

    const outsider = await probeDoc(url(tokens.outsider));
    expect(outsider).toEqual({ accepted: false, code: CloseCode.forbidden });
    const unknown = await probeDoc(url(tokens.secretary, 'mm-no-such-meeting'));
    expect(unknown).toEqual({ accepted: false, code: CloseCode.notFound });
    // The test editor is an editor of the city, so an organiser of its meetings: it may read the minutes.
    const organiser = await probeDoc(url(running().token));
    expect(organiser.accepted).toBe(true);
    if (organiser.accepted) organiser.socket.close();

    // Nor do the minutes routes tell an outsider the meeting exists.
    expect(codeOf(await call(people.outsider, `/api/meetings/${meetingId}/minutes.txt`))).toBe(
      'meeting_not_found',
    );
    const drafted = await call(people.outsider, `/api/meetings/${meetingId}/minutes/draft`, {
      method: 'POST',
      body: '{}',
    });
    expect(drafted.status).toBe(404);
  });

  it('a demoted secretary keeps reading but can no longer write; a removed member is closed out', async () => {
    const { meetingId } = await scheduleMeeting();
    const secretary = await minutesOf('secretary', meetingId);
    const facilitator = await minutesOf('facilitator', meetingId);
    const invited = await minutesOf('invited', meetingId);
    const invitedClosed = nextClose(invited);
    secretary.body().insert(0, '第一段。');
    await waitFor('the facilitator to see it', () => facilitator.text() === '第一段。');

    const before = await call(people.facilitator, `/api/meetings/${meetingId}`);
    const current = MeetingResponse.parse(before.body).meeting.members;
    const demoted = await call(people.facilitator, `/api/meetings/${meetingId}/members`, {
      method: 'PUT',
      body: JSON.stringify({
        members: current
          .filter(({ userId }) => userId !== idOf('invited'))
          .map(({ userId, role }) => ({
            userId,
            role: userId === idOf('secretary') ? 'participant' : role,
          })),
      }),
    });
    expect(demoted.status).toBe(200);
    // Open connections re-check their access on the next sweep (every RECHECK_INTERVAL_MS here).
    await sleep(RECHECK_INTERVAL_MS * 3);

    const dropped = running().server.stats.droppedReadOnlyUpdates;
    secretary.body().insert(secretary.body().length, '降级后写的。');
    await waitFor(
      'the server to drop the demoted secretary’s edit',
      () => running().server.stats.droppedReadOnlyUpdates > dropped,
    );
    await sleep(SETTLE_MS);
    expect(facilitator.text()).toBe('第一段。');
    expect(secretary.provider.wsconnected).toBe(true);
    facilitator.body().insert(facilitator.body().length, '第二段。');
    await waitFor('the demoted secretary still to read', () => secretary.text().includes('第二段。'));
    expect(await invitedClosed).toBe(CloseCode.forbidden);
  });

  it('drafts the minutes into every open copy, refuses to overwrite them, and exports what was edited', async () => {
    const { meetingId, agenda } = await scheduleMeeting();
    const [enforcement, business, other] = agenda;
    if (!enforcement || !business || !other) throw new Error('agenda not scheduled');

    // A change before the meeting is not the meeting's; one during it is.
    const planner = await connect(CITY_PLAN);
    track(planner);
    updateTopic(planner.doc, BUSINESS, { reportingUnit: '会前调整的承办单位' });
    await planner.drained();
    await db().docs.flush();
    await sleep(CLOCK_GAP_MS);
    const started = await call(people.facilitator, `/api/meetings/${meetingId}/transitions`, {
      method: 'POST',
      body: JSON.stringify({ to: 'live' }),
    });
    expect(started.status).toBe(200);
    await sleep(CLOCK_GAP_MS);
    const editsOf = async () => {
      await db().docs.flush();
      const log = await db().docs.history(`plan:${CITY_PLAN}`);
      return log.filter((entry) => entry.author === TEST_EDITOR.id).length;
    };
    const editsBefore = await editsOf();
    updateTopic(planner.doc, ENFORCEMENT, { month: 7 });
    await waitFor('the change to be stored', async () => (await editsOf()) > editsBefore);

    await holdVote(
      meetingId,
      { kind: 'approval', title: '表决执行难议题', itemId: enforcement.id, anonymous: false },
      [
        ['facilitator', { kind: 'approval', choice: 'approve' }],
        ['participant', { kind: 'approval', choice: 'approve' }],
        ['invited', { kind: 'approval', choice: 'abstain' }],
      ],
    );
    await holdVote(
      meetingId,
      {
        kind: 'dots',
        title: '征集议题排序',
        candidateItemIds: [enforcement.id, business.id],
        dotsPerParticipant: 3,
        anonymous: true,
      },
      [
        ['facilitator', { kind: 'dots', dots: { [business.id]: 3 } }],
        ['participant', { kind: 'dots', dots: { [business.id]: 2, [enforcement.id]: 1 } }],
        ['invited', { kind: 'dots', dots: { [business.id]: 3 } }],
      ],
    );
    const decided = await call(people.secretary, `/api/meetings/${meetingId}/decisions`, {
      method: 'POST',
      body: JSON.stringify({
        itemId: business.id,
        kind: 'assigned',
        assignee: '财经委',
        note: '一个月内报送调研方案',
      }),
    });
    expect(decided.status).toBeLessThan(300);

    const secretary = await minutesOf('secretary', meetingId);
    const participant = await minutesOf('participant', meetingId);

    // Only those who write the minutes draft them.
    const refused = await call(people.participant, `/api/meetings/${meetingId}/minutes/draft`, {
      method: 'POST',
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(codeOf(refused)).toBe('forbidden');

    const drafted = await call(people.secretary, `/api/meetings/${meetingId}/minutes/draft`, {
      method: 'POST',
      body: '{}',
    });
    expect(drafted.status).toBe(200);
    const { text, minutesDocName: docName } = MinutesDraftResponse.parse(drafted.body);
    expect(docName).toBe(minutesDocName(meetingId));

    // The agenda with current titles, the decision, both votes' results and the change made during the meeting.
    expect(text).toContain('市人大常委会第三十次主任会议纪要');
    expect(text).toContain('主持人：市人大办公室 王敏（示范市）');
    expect(text).toContain('记录：市人大研究室 李强（示范市）');
    expect(text).toContain(
      '（一）听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问\n（二）听取和审议市人民政府',
    );
    expect(text).toContain('（三）研究其他事项');
    expect(text).toContain('交办：财经委。一个月内报送调研方案。');
    expect(text).toContain('表决执行难议题');
    expect(text).toContain('记名表决；应投3人，实投3人）：赞成2票，反对0票，弃权1票。');
    expect(text).toContain('征集议题排序（圈点投票，每人3点；无记名投票；应投3人，实投3人）');
    expect(text).toMatch(/1\. [^\n]*营商环境[^\n]*：8点\n {2}2\. [^\n]*执行难[^\n]*：1点/);
    expect(text).toContain(`${TEST_EDITOR.displayName} 将「听取和审议市中级人民法院关于解决“执行难”工作情况`);
    expect(text).toContain('的安排月份改为 7月');
    expect(text).not.toContain('会前调整的承办单位');
    // An anonymous vote's minutes name nobody's choice: the voters are named only as attendees.
    const dotSection = text.slice(text.indexOf('征集议题排序'), text.indexOf('四、'));
    for (const key of ['facilitator', 'participant', 'invited'] as const)
      expect(dotSection).not.toContain(people[key].me.user.displayName);

    // The draft lands in every open copy, live.
    await waitFor('the secretary’s copy to hold the draft', () => secretary.text() === text);
    await waitFor('the participant’s copy to hold the draft', () => participant.text() === text);

    // Drafting again would overwrite: refused, and nothing changes.
    secretary.body().insert(secretary.body().length, '\n（秘书补充：会议于十一时结束。）');
    await waitFor('the participant to see the addition', () => participant.text().includes('秘书补充'));
    const again = await call(people.facilitator, `/api/meetings/${meetingId}/minutes/draft`, {
      method: 'POST',
      body: '{}',
    });
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('minutes_not_empty');
    await sleep(SETTLE_MS);
    expect(secretary.text()).toBe(`${text}\n（秘书补充：会议于十一时结束。）`);

    // The export is the edited text, as a download named after the meeting.
    const exported = await call(people.participant, `/api/meetings/${meetingId}/minutes.txt`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('市人大常委会第三十次主任会议-纪要.txt')}`,
    );
    expect(exported.text).toBe(secretary.text());

    // With replace, the draft starts over (the secretary's addition is gone), and is audited.
    const replaced = await call(people.facilitator, `/api/meetings/${meetingId}/minutes/draft`, {
      method: 'POST',
      body: JSON.stringify({ replace: true }),
    });
    expect(replaced.status).toBe(200);
    await waitFor('the secretary’s copy to be replaced', () => !secretary.text().includes('秘书补充'));
    const events = await db().audit.list({
      orgIds: ['city'],
      includeUnscoped: false,
      kind: 'meeting',
      limit: 50,
    });
    const drafts = events.filter(
      (event) => event.detail.action === 'minutes_drafted' && event.detail.meetingId === meetingId,
    );
    expect(drafts).toHaveLength(2);
  });
});
