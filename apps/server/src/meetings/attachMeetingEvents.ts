import type { z } from 'zod';
import {
  BallotRequest,
  BoardErrorCode,
  ClearHandsRequest,
  FocusRequest,
  FollowRequest,
  HandRequest,
  MeetingRef,
  OpenVoteRequest,
  TimerRequest,
  VoteRef,
  type MeetingAckError,
} from '@yipan/protocol';
import { meetingIdOfRoom, meetingRoom, type BoardSocket } from '../board/attachBoard';
import { errorFields, type Logger } from '../createLogger';
import { HttpError } from '../http/HttpError';
import type { LiveCaller, MeetingService } from './MeetingService';

/** A listener of a client event: both arguments come from the client, so the payload may be anything and the ack missing. */
type Listener = (payload: unknown, ack: unknown) => void;

const INVALID_PAYLOAD: MeetingAckError = {
  ok: false,
  code: BoardErrorCode.invalidPayload,
  message: '请求参数无效 / Invalid request parameters',
};
const INTERNAL_ERROR: MeetingAckError = {
  ok: false,
  code: BoardErrorCode.internalError,
  message: '服务器内部错误 / Internal server error',
};

/**
 * Serves meeting mode's live events on one `/board` socket: joining and leaving a meeting's room,
 * presence and following, and the facilitator's controls. Every payload is validated, every command
 * re-checks the caller's role in the database (a member removed mid-meeting loses control at once), and
 * every refusal is acknowledged with a stable code and a bilingual message.
 */
export function attachMeetingEvents(socket: BoardSocket, meetings: MeetingService, logger: Logger): void {
  const caller: LiveCaller = { id: socket.data.userId, ip: socket.handshake.address || null };

  /** A listener that validates the payload, runs the command and acknowledges its outcome (when asked to). */
  function command<T>(event: string, schema: z.ZodType<T>, run: (input: T) => Promise<object>): Listener {
    return (payload, ack) => {
      const reply = typeof ack === 'function' ? (ack as (result: unknown) => void) : () => {};
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        reply(INVALID_PAYLOAD);
        return;
      }
      run(parsed.data).then(
        (result) => reply({ ok: true, ...result }),
        (error: unknown) => {
          if (error instanceof HttpError) {
            reply({ ok: false, code: error.code, message: error.message } satisfies MeetingAckError);
            return;
          }
          logger.error(`${event} failed`, { userId: caller.id, ...errorFields(error) });
          reply(INTERNAL_ERROR);
        },
      );
    };
  }

  /** Tells the room whether the user is still connected (any of their sockets) and whether they follow. */
  async function announcePresence(meetingId: string): Promise<void> {
    const entry = (await meetings.online(meetingId)).find((presence) => presence.userId === caller.id);
    socket.nsp.to(meetingRoom(meetingId)).emit('meeting:presence', {
      meetingId,
      userId: caller.id,
      online: entry !== undefined,
      following: entry?.following ?? false,
    });
  }

  const announceLater = (meetingId: string) =>
    void announcePresence(meetingId).catch((error: unknown) =>
      logger.error('failed to announce presence', { meetingId, ...errorFields(error) }),
    );

  socket.on(
    'meeting:join',
    command('meeting:join', MeetingRef, async ({ meetingId }) => {
      await meetings.memberRole(meetingId, caller.id);
      // Followers by default: a (re)joining client goes to the presenter's focus.
      socket.data.following[meetingId] ??= true;
      await socket.join(meetingRoom(meetingId));
      const state = await meetings.liveState(caller, meetingId);
      announceLater(meetingId);
      return { state };
    }),
  );

  socket.on('meeting:leave', (payload: unknown) => {
    const parsed = MeetingRef.safeParse(payload);
    if (!parsed.success) return;
    const { meetingId } = parsed.data;
    if (!socket.rooms.has(meetingRoom(meetingId))) return;
    delete socket.data.following[meetingId];
    void Promise.resolve(socket.leave(meetingRoom(meetingId))).then(() => announceLater(meetingId));
  });

  socket.on(
    'meeting:follow',
    command('meeting:follow', FollowRequest, async ({ meetingId, following }) => {
      await meetings.memberRole(meetingId, caller.id);
      if (!socket.rooms.has(meetingRoom(meetingId))) await socket.join(meetingRoom(meetingId));
      socket.data.following[meetingId] = following;
      announceLater(meetingId);
      return {};
    }),
  );

  socket.on(
    'meeting:focus',
    command('meeting:focus', FocusRequest, async ({ meetingId, itemId }) => {
      await meetings.focus(caller, meetingId, itemId);
      return {};
    }),
  );

  socket.on(
    'meeting:summon',
    command('meeting:summon', MeetingRef, async ({ meetingId }) => {
      await meetings.summon(caller, meetingId);
      return {};
    }),
  );

  socket.on(
    'meeting:timer',
    command('meeting:timer', TimerRequest, async ({ meetingId, itemId, timer }) => {
      await meetings.timer(caller, meetingId, itemId, timer);
      return {};
    }),
  );

  socket.on(
    'meeting:hand',
    command('meeting:hand', HandRequest, async ({ meetingId, raised }) => {
      await meetings.hand(caller, meetingId, raised);
      return {};
    }),
  );

  socket.on(
    'meeting:hands:clear',
    command('meeting:hands:clear', ClearHandsRequest, async ({ meetingId, userId }) => {
      await meetings.clearHands(caller, meetingId, userId);
      return {};
    }),
  );

  socket.on(
    'meeting:vote:open',
    command('meeting:vote:open', OpenVoteRequest, async ({ meetingId, spec }) => ({
      voteId: await meetings.openVote(caller, meetingId, spec),
    })),
  );

  socket.on(
    'meeting:vote:close',
    command('meeting:vote:close', VoteRef, async ({ meetingId, voteId }) => ({
      vote: await meetings.closeVote(caller, meetingId, voteId),
    })),
  );

  socket.on(
    'meeting:ballot',
    command('meeting:ballot', BallotRequest, async ({ meetingId, voteId, ballot }) => {
      // Acknowledged only once the ballot is committed.
      await meetings.ballot(caller, meetingId, voteId, ballot);
      return {};
    }),
  );

  // Rooms are gone by `disconnect`: note the meetings while the socket is still in them.
  let leftMeetings: string[] = [];
  socket.on('disconnecting', () => {
    leftMeetings = [...socket.rooms].map(meetingIdOfRoom).filter((id) => id !== null);
  });
  socket.on('disconnect', () => {
    // Offline only once the user's last socket in the meeting has gone (announcePresence checks).
    for (const meetingId of leftMeetings) announceLater(meetingId);
  });
}
