import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { Ballot, TimerAction, VoteSpec } from '@yipan/domain';
import {
  type ClientToServerEvents,
  type MeetingAck,
  type MeetingAckError,
  type MeetingLiveState,
  type MeetingVote,
  type ServerToClientEvents,
} from '@yipan/protocol';
import { useBoardSocket } from '../realtime/boardSocket';
import { FOLLOWING, reconcile, selectItem as pick, type FollowState } from './following';
import { withFocus, withHands, withMyBallot, withPresence, withTimer, withVote } from './liveState';

type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a command waits for the server's acknowledgement before it counts as lost. */
const ACK_TIMEOUT_MS = 8_000;
/** Code of a command whose acknowledgement never came (the connection dropped meanwhile). */
export const ACK_TIMEOUT = 'ack_timeout';

/** The live part of a meeting on one page, and the commands it sends. */
export type MeetingLive = {
  /** Null until the first `meeting:join` is acknowledged. */
  state: MeetingLiveState | null;
  /** The server refused to let this page in (not a member, no such meeting). */
  joinError: MeetingAckError | null;
  /** The socket is connected and joined; false while it reconnects. */
  connected: boolean;
  /** Server clock minus this browser's clock, so timers read the same on every screen. */
  clockOffsetMs: number;
  follow: FollowState;
  /** Shows another agenda item here (breaks away) or, for the focused one, follows again. */
  selectItem: (itemId: string) => void;
  returnToPresenter: () => void;
  focus: (itemId: string | null) => Promise<MeetingAck>;
  summon: () => Promise<MeetingAck>;
  timer: (itemId: string, timer: TimerAction) => Promise<MeetingAck>;
  hand: (raised: boolean) => Promise<MeetingAck>;
  clearHands: (userId?: string) => Promise<MeetingAck>;
  openVote: (spec: VoteSpec) => Promise<MeetingAck<{ voteId: string }>>;
  closeVote: (voteId: string) => Promise<MeetingAck<{ vote: MeetingVote }>>;
  ballot: (voteId: string, ballot: Ballot) => Promise<MeetingAck>;
};

function lost(): MeetingAckError {
  return { ok: false, code: ACK_TIMEOUT, message: 'no acknowledgement' };
}

/** The live commands: each is acknowledged. */
type Command = Exclude<keyof ClientToServerEvents & `meeting:${string}`, 'meeting:leave' | 'meeting:follow'>;
type PayloadOf<E extends Command> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends Command> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Sends a command and resolves with its acknowledgement, or a refusal of our own when none comes in time. */
function ask<E extends Command>(
  socket: MeetingSocket | null,
  event: E,
  payload: PayloadOf<E>,
): Promise<AckOf<E> | MeetingAckError> {
  if (!socket) return Promise.resolve(lost());
  const timed = socket.timeout(ACK_TIMEOUT_MS);
  // socket.io's typings lose the acknowledgement's type behind `timeout()`; the event map keeps it.
  const emit = timed.emitWithAck.bind(timed) as unknown as (
    event: E,
    payload: PayloadOf<E>,
  ) => Promise<AckOf<E>>;
  return emit(event, payload).catch(lost);
}

/**
 * Joins a meeting's room on the shell's `/board` socket, holds its live state and sends the live
 * commands. On every (re)connection it joins again and replaces its state with the acknowledgement's, so a
 * participant whose network dropped is back in the same state (focus, timers, their ballots) without a reload.
 * `onChanged` is called for `meeting:changed` (the setup changed: re-read it).
 */
export function useMeetingLive(meetingId: string, onChanged: () => void): MeetingLive {
  const socket = useBoardSocket();
  const socketRef = useRef<MeetingSocket | null>(null);
  const [state, setState] = useState<MeetingLiveState | null>(null);
  const [joinError, setJoinError] = useState<MeetingAckError | null>(null);
  const [connected, setConnected] = useState(false);
  const [clockOffsetMs, setClockOffset] = useState(0);
  const [follow, setFollow] = useState<FollowState>(FOLLOWING);
  const followRef = useRef(follow);
  followRef.current = follow;
  const changedRef = useRef(onChanged);
  changedRef.current = onChanged;

  useEffect(() => {
    setState(null);
    setJoinError(null);
    setFollow(FOLLOWING);
    socketRef.current = socket;
    if (!socket) return;
    let cancelled = false;
    const mine = (payload: { meetingId: string }) => payload.meetingId === meetingId;
    const update = (change: (current: MeetingLiveState) => MeetingLiveState) =>
      setState((current) => (current ? change(current) : current));
    const join = () => {
      void ask(socket, 'meeting:join', { meetingId }).then((ack) => {
        if (cancelled) return;
        if (!ack.ok) {
          // No answer: the connection dropped again, and the next `connect` joins again.
          if (ack.code !== ACK_TIMEOUT) setJoinError(ack);
          return;
        }
        setJoinError(null);
        setState(ack.state);
        setClockOffset(ack.state.serverNow - Date.now());
        setConnected(true);
        // The server counts a new connection as following: tell it if this page had broken away.
        if (!followRef.current.following) socket.emit('meeting:follow', { meetingId, following: false });
      });
    };
    const handlers: Partial<ServerToClientEvents> = {
      'meeting:focus': (payload) => {
        if (mine(payload)) update((current) => withFocus(current, payload.focus));
      },
      'meeting:summon': (payload) => {
        if (!mine(payload)) return;
        update((current) => withFocus(current, payload.focus));
        setFollow(FOLLOWING);
      },
      'meeting:timer': (payload) => {
        if (!mine(payload)) return;
        setClockOffset(payload.serverNow - Date.now());
        update((current) => withTimer(current, payload.itemId, payload.timer));
      },
      'meeting:hands': (payload) => {
        if (mine(payload)) update((current) => withHands(current, payload.hands));
      },
      'meeting:presence': (payload) => {
        if (mine(payload)) update((current) => withPresence(current, payload));
      },
      'meeting:vote': (payload) => {
        if (mine(payload)) update((current) => withVote(current, payload.vote));
      },
      'meeting:ballot': (payload) => {
        if (mine(payload)) update((current) => withMyBallot(current, payload.voteId, payload.ballot));
      },
      'meeting:changed': (payload) => {
        if (mine(payload)) changedRef.current();
      },
    };
    const disconnected = () => setConnected(false);
    // The socket is the shell's: listeners are added and removed one by one, never all of an event's.
    const listeners = Object.entries(handlers) as [keyof ServerToClientEvents, (...args: never[]) => void][];
    const untyped = socket as unknown as {
      on(event: string, listener: (...args: never[]) => void): void;
      off(event: string, listener: (...args: never[]) => void): void;
    };
    for (const [event, listener] of listeners) untyped.on(event, listener);
    socket.on('connect', join);
    socket.on('disconnect', disconnected);
    if (socket.connected) join();
    return () => {
      cancelled = true;
      for (const [event, listener] of listeners) untyped.off(event, listener);
      socket.off('connect', join);
      socket.off('disconnect', disconnected);
      if (socket.connected) socket.emit('meeting:leave', { meetingId });
      socketRef.current = null;
      setConnected(false);
    };
  }, [socket, meetingId]);

  // The server tells the facilitator who follows; only real changes are worth a message.
  const sendFollowing = useCallback(
    (following: boolean) => {
      if (followRef.current.following !== following)
        socketRef.current?.emit('meeting:follow', { meetingId, following });
    },
    [meetingId],
  );

  const selectItem = useCallback(
    (itemId: string) => {
      const next = pick(itemId, state?.focus.itemId ?? null);
      sendFollowing(next.following);
      setFollow(next);
    },
    [state?.focus.itemId, sendFollowing],
  );
  const focusItemId = state?.focus.itemId ?? null;
  useEffect(() => {
    const next = reconcile(follow, focusItemId);
    if (next === follow) return;
    sendFollowing(true);
    setFollow(next);
  }, [follow, focusItemId, sendFollowing]);

  const returnToPresenter = useCallback(() => {
    sendFollowing(true);
    setFollow(FOLLOWING);
  }, [sendFollowing]);

  const commands = useMemo(() => {
    const socket = () => socketRef.current;
    return {
      focus: (itemId: string | null) => ask(socket(), 'meeting:focus', { meetingId, itemId }),
      summon: () => ask(socket(), 'meeting:summon', { meetingId }),
      timer: (itemId: string, timer: TimerAction) =>
        ask(socket(), 'meeting:timer', { meetingId, itemId, timer }),
      hand: (raised: boolean) => ask(socket(), 'meeting:hand', { meetingId, raised }),
      clearHands: (userId?: string) =>
        ask(socket(), 'meeting:hands:clear', userId ? { meetingId, userId } : { meetingId }),
      openVote: (spec: VoteSpec) => ask(socket(), 'meeting:vote:open', { meetingId, spec }),
      closeVote: (voteId: string) => ask(socket(), 'meeting:vote:close', { meetingId, voteId }),
      ballot: (voteId: string, ballot: Ballot) =>
        ask(socket(), 'meeting:ballot', { meetingId, voteId, ballot }).then((ack) => {
          // The ack may arrive before the `meeting:ballot` event: show “已投票” at once.
          if (ack.ok) setState((current) => (current ? withMyBallot(current, voteId, ballot) : current));
          return ack;
        }),
    };
  }, [meetingId]);

  return { state, joinError, connected, clockOffsetMs, follow, selectItem, returnToPresenter, ...commands };
}
