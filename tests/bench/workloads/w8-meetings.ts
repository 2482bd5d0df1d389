import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { SQLITE_FILE_NAME, openDatabase, type AgendaItemRow } from '@yipan/db';
import { idleTimer, type Ballot } from '@yipan/domain';
import {
  BOARD_NAMESPACE,
  SESSION_COOKIE,
  type MeetingAck,
  type MeetingLiveState,
  type MeetingVote,
} from '@yipan/protocol';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, hashPassword } from '@yipan/server';
import type { BoardSocket } from '../../support/boardSocket';
import { percentileOf } from '../support/histogram';
import { startServer } from '../support/servers';
import {
  judgeAtMost,
  ProductFailure,
  report,
  type MeasurableWorkload,
  type Scale,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';

/** The size: 300 participants; quick runs a tenth. */
const PARTICIPANTS = { full: 300, quick: 30 };
/** Focus moves per repetition, spaced so that each broadcast is measured on its own. */
const FOCUS_MOVES = { full: 40, quick: 10 };
const FOCUS_SPACING_MS = 100;
/** Agenda items; the dot vote runs over the first CANDIDATES of them. */
const AGENDA_ITEMS = 10;
const CANDIDATES = 6;
const DOTS = 3;
const ORG = 'city';
const MEETING = 'bench-meeting';
const FACILITATOR = 'user-bench-facilitator';
/** Longest wait for any one broadcast or acknowledgement before the repetition fails. */
const WAIT_MS = 30_000;
const BROADCAST_TARGET_MS = 100;
const TALLY_TARGET_S = 1;

const participantsOf = (scale: Scale) => (scale.quick ? PARTICIPANTS.quick : PARTICIPANTS.full);
const participantId = (index: number) => `user-bench-p${String(index).padStart(3, '0')}`;
const itemId = (index: number) => `bench-item-${index}`;

type Seat = { userId: string; token: string };

/**
 * Seeds the organisations, the accounts with one signed-in session each (a known token, stored as its
 * SHA-256 like the server's own), and a live meeting of the facilitator and every participant.
 */
async function seedMeeting(file: string, participants: number): Promise<Seat[]> {
  const db = await openDatabase({ dialect: 'sqlite', file });
  try {
    for (const org of DEMO_ORGS) await db.orgs.insert(org);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    // The server seeds its demo accounts only into an empty database, and the harness signs in as one.
    for (const { orgId, role, ...user } of DEMO_USERS) {
      await db.users.insert({ ...user, passwordHash });
      await db.users.addMembership({ userId: user.id, orgId, role });
    }
    const now = new Date();
    const seats: Seat[] = [];
    const ids = [FACILITATOR, ...Array.from({ length: participants }, (_, index) => participantId(index))];
    for (const [index, id] of ids.entries()) {
      await db.users.insert({
        id,
        username: id,
        displayName: index === 0 ? '基准 主持人' : `基准 参会人${index}`,
        passwordHash,
      });
      await db.users.addMembership({ userId: id, orgId: ORG, role: index === 0 ? 'editor' : 'viewer' });
      const token = randomBytes(24).toString('base64url');
      await db.sessions.insert({
        id: `bench-session-${index}`,
        tokenHash: createHash('sha256').update(token).digest('hex'),
        userId: id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 24 * 3600_000),
        ip: '127.0.0.1',
        userAgent: 'yipan-bench',
      });
      seats.push({ userId: id, token });
    }
    const agenda: AgendaItemRow[] = Array.from({ length: AGENDA_ITEMS }, (_, index) => ({
      id: itemId(index),
      meetingId: MEETING,
      position: index,
      kind: 'other',
      planId: null,
      topicId: null,
      title: `征集建议 ${index + 1}`,
      timer: idleTimer(5 * 60_000),
    }));
    await db.meetings.insert(
      {
        id: MEETING,
        orgId: ORG,
        kind: 'symposium',
        title: '基准测试座谈会',
        startsAt: now,
        createdBy: FACILITATOR,
        createdAt: now,
      },
      agenda,
      ids.map((userId, index) => ({
        meetingId: MEETING,
        userId,
        role: index === 0 ? 'facilitator' : 'participant',
      })),
    );
    await db.meetings.update(MEETING, { status: 'live', startedAt: now });
    return seats;
  } finally {
    await db.close();
  }
}

/** Connects one seat's `/board` socket with its session cookie (and the Origin a browser sends) and joins the meeting. */
async function joinMeeting(baseUrl: string, seat: Seat): Promise<BoardSocket> {
  const socket: BoardSocket = io(`${baseUrl}${BOARD_NAMESPACE}`, {
    extraHeaders: { cookie: `${SESSION_COOKIE}=${seat.token}`, origin: new URL(baseUrl).origin },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', (error) =>
      reject(new ProductFailure(`handshake refused: ${error.message}`)),
    );
  });
  await command<{ state: MeetingLiveState }>(
    () => socket.timeout(WAIT_MS).emitWithAck('meeting:join', { meetingId: MEETING }),
    'meeting:join',
  );
  return socket;
}

/** Resolves when every socket got an event matching `accept`, with each socket's arrival time. */
function arrivals<T>(
  sockets: readonly BoardSocket[],
  event: 'meeting:focus' | 'meeting:vote',
  accept: (payload: T) => boolean,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const times: number[] = new Array<number>(sockets.length);
    let left = sockets.length;
    const timer = setTimeout(() => {
      cleanup();
      reject(new ProductFailure(`${left} of ${sockets.length} participants missed ${event}`));
    }, WAIT_MS);
    const listeners = sockets.map((socket, index) => {
      const listener = (payload: T) => {
        if (times[index] !== undefined || !accept(payload)) return;
        times[index] = performance.now();
        left -= 1;
        if (left === 0) {
          cleanup();
          resolve(times);
        }
      };
      (socket as unknown as { on(name: string, fn: (payload: T) => void): void }).on(event, listener);
      return listener;
    });
    function cleanup(): void {
      clearTimeout(timer);
      sockets.forEach((socket, index) =>
        (socket as unknown as { off(name: string, fn: unknown): void }).off(event, listeners[index]),
      );
    }
  });
}

/** Emits a command and waits for its acknowledgement; a refusal fails the repetition. */
async function command<T>(emit: () => Promise<MeetingAck<T>>, what: string): Promise<{ ok: true } & T> {
  const ack = await emit();
  if (!ack.ok) throw new ProductFailure(`${what} refused: ${ack.code} ${ack.message}`);
  return ack;
}

/** Participant `index`'s dots: spread deterministically so that the expected tally is known. */
function ballotOf(index: number): Ballot {
  const dots: Record<string, number> = {};
  for (let dot = 0; dot < DOTS; dot += 1) {
    const candidate = itemId((index + dot * (dot + 1)) % CANDIDATES);
    dots[candidate] = (dots[candidate] ?? 0) + 1;
  }
  return { kind: 'dots', dots };
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const participants = participantsOf(context.scale);
  const moves = context.scale.quick ? FOCUS_MOVES.quick : FOCUS_MOVES.full;
  context.log(`seeding a live meeting of 1 facilitator and ${participants} participants`);
  const seats = await seedMeeting(join(context.dataDir, SQLITE_FILE_NAME), participants);
  const server = await startServer('yipan', context.dataDir, context.yipanNodeArgs);
  const baseUrl = server.httpUrl;
  if (!baseUrl) throw new Error('Yipan has no HTTP address');

  return {
    rep: async () => {
      const joinStarted = performance.now();
      const facilitator = await joinMeeting(baseUrl, seats[0]!);
      const others = await Promise.all(seats.slice(1).map((seat) => joinMeeting(baseUrl, seat)));
      const joinedMs = performance.now() - joinStarted;
      try {
        // Focus: every move measured from the facilitator's emit to each participant's receipt.
        const latencies: number[] = [];
        const state = await command<{ state: MeetingLiveState }>(
          () => facilitator.timeout(WAIT_MS).emitWithAck('meeting:join', { meetingId: MEETING }),
          'rejoin',
        );
        let seq = state.state.focus.seq;
        for (let move = 0; move < moves; move += 1) {
          const target = itemId((seq + 1) % AGENDA_ITEMS);
          const received = arrivals<{ focus: { itemId: string | null; seq: number } }>(
            others,
            'meeting:focus',
            (payload) => payload.focus.seq > seq,
          );
          const sent = performance.now();
          await command(
            () =>
              facilitator
                .timeout(WAIT_MS)
                .emitWithAck('meeting:focus', { meetingId: MEETING, itemId: target }),
            'focus',
          );
          for (const at of await received) latencies.push(at - sent);
          seq += 1;
          await new Promise((resolve) => setTimeout(resolve, FOCUS_SPACING_MS));
        }

        // A dot vote: opened, every participant votes at once, closed and tallied.
        const opened = await command<{ voteId: string }>(
          () =>
            facilitator.timeout(WAIT_MS).emitWithAck('meeting:vote:open', {
              meetingId: MEETING,
              spec: {
                kind: 'dots',
                title: '征集建议排序',
                candidateItemIds: Array.from({ length: CANDIDATES }, (_, index) => itemId(index)),
                dotsPerParticipant: DOTS,
                anonymous: true,
              },
            }),
          'vote:open',
        );
        const ballotTimes: number[] = [];
        await Promise.all(
          others.map(async (socket, index) => {
            const sent = performance.now();
            await command(
              () =>
                socket.timeout(WAIT_MS).emitWithAck('meeting:ballot', {
                  meetingId: MEETING,
                  voteId: opened.voteId,
                  ballot: ballotOf(index),
                }),
              'ballot',
            );
            ballotTimes.push(performance.now() - sent);
          }),
        );
        const closedEverywhere = arrivals<{ vote: MeetingVote }>(
          others,
          'meeting:vote',
          (payload) => payload.vote.id === opened.voteId && payload.vote.status === 'closed',
        );
        const closeSent = performance.now();
        const closed = await command<{ vote: MeetingVote }>(
          () =>
            facilitator
              .timeout(WAIT_MS)
              .emitWithAck('meeting:vote:close', { meetingId: MEETING, voteId: opened.voteId }),
          'vote:close',
        );
        const closeAckMs = performance.now() - closeSent;
        const closeAllMs = Math.max(...(await closedEverywhere)) - closeSent;
        const expected: Record<string, number> = {};
        others.forEach((_, index) => {
          for (const [candidate, dots] of Object.entries(
            (ballotOf(index) as { dots: Record<string, number> }).dots,
          ))
            expected[candidate] = (expected[candidate] ?? 0) + dots;
        });
        for (let index = 0; index < CANDIDATES; index += 1) {
          const key = itemId(index);
          if ((closed.vote.result?.[key] ?? 0) !== (expected[key] ?? 0))
            throw new ProductFailure(
              `tally of ${key} is ${closed.vote.result?.[key]}, ${expected[key] ?? 0} dots were cast`,
            );
        }
        if (closed.vote.ballots !== null) throw new ProductFailure('an anonymous vote revealed its ballots');
        return {
          joinAllMs: joinedMs,
          focusP50Ms: percentileOf(latencies, 50),
          focusP99Ms: percentileOf(latencies, 99),
          ballotAckP50Ms: percentileOf(ballotTimes, 50),
          ballotAckP99Ms: percentileOf(ballotTimes, 99),
          closeAckMs,
          closeAllMs,
        };
      } finally {
        for (const socket of [facilitator, ...others]) socket.disconnect();
      }
    },
    close: () => server.stop(),
  };
}

function describe(scale: Scale): string {
  const participants = participantsOf(scale);
  const moves = scale.quick ? FOCUS_MOVES.quick : FOCUS_MOVES.full;
  return `Yipan only: the peers have no meetings. A live meeting (seeded into a fresh SQLite database before the server starts) of one facilitator and ${participants} participants, each its own account with its own session, each a real \`socket.io-client\` socket on \`/board\` in the benchmark process joined to the meeting (\`meeting:join\`). Focus: the facilitator moves the focus ${moves} times, ${FOCUS_SPACING_MS} ms apart; latency is from the facilitator's emit to each participant's \`meeting:focus\` (${participants} × ${moves} samples). Dot vote: the facilitator opens an anonymous vote of ${DOTS} dots over ${CANDIDATES} candidates, every participant casts a ballot at once (ballot ack time), then the facilitator closes it: "close acknowledged" is from the emit to the acknowledgement carrying the tally, "close reached everyone" to the last participant's closed \`meeting:vote\`. The tally is checked against the ballots cast. "All joined" is the time to connect and join every socket.`;
}

/** Workload 8: a meeting of 300 participants (focus broadcasts, a dot vote of 300 ballots). */
const workload: MeasurableWorkload = {
  id: 8,
  title: 'Meeting of 300 participants',
  describe,
  kinds: ['yipan'],
  metrics: [
    { key: 'joinAllMs', label: 'all participants connected and joined', unit: 'ms', decimals: 0 },
    { key: 'focusP50Ms', label: 'focus broadcast p50', unit: 'ms', decimals: 1 },
    { key: 'focusP99Ms', label: 'focus broadcast p99', unit: 'ms', decimals: 1 },
    { key: 'ballotAckP50Ms', label: 'ballot acknowledged p50 (all voting at once)', unit: 'ms', decimals: 0 },
    { key: 'ballotAckP99Ms', label: 'ballot acknowledged p99 (all voting at once)', unit: 'ms', decimals: 0 },
    { key: 'closeAckMs', label: 'vote close acknowledged with the tally', unit: 'ms', decimals: 1 },
    { key: 'closeAllMs', label: 'closed vote reached every participant', unit: 'ms', decimals: 1 },
  ],
  ratios: [],
  judge: (summary) => [
    judgeAtMost('focus broadcast p99', summary.median('yipan', 'focusP99Ms'), BROADCAST_TARGET_MS, ' ms'),
    judgeAtMost(
      'close-and-tally of the dot vote (until every participant has the result)',
      summary.median('yipan', 'closeAllMs') / 1000,
      TALLY_TARGET_S,
      ' s',
    ),
    report(
      'ballot acknowledged p99 with everyone voting at once',
      summary.median('yipan', 'ballotAckP99Ms'),
      ' ms',
    ),
  ],
  open,
};
export default workload;
