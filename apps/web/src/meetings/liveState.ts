import type { Ballot, TimerState } from '@yipan/domain';
import type { MeetingFocus, MeetingLiveState, MeetingVote, PresenceEntry, RaisedHand } from '@yipan/protocol';

/*
 * The live state of one meeting as a page holds it: replaced whole by each `meeting:join` acknowledgement
 * (so a reconnection finds the server's state), then changed by the room's events. Pure, so the rules are
 * tested without a socket.
 */

/** A focus move: a late event from before the one already shown (lower `seq`) is ignored. */
export function withFocus(state: MeetingLiveState, focus: MeetingFocus): MeetingLiveState {
  return focus.seq < state.focus.seq ? state : { ...state, focus };
}

/** One agenda item's timer as the facilitator last set it. */
export function withTimer(state: MeetingLiveState, itemId: string, timer: TimerState): MeetingLiveState {
  return { ...state, timers: { ...state.timers, [itemId]: timer } };
}

/** The queue of raised hands. */
export function withHands(state: MeetingLiveState, hands: RaisedHand[]): MeetingLiveState {
  return { ...state, hands };
}

/** One member came, went, or started or stopped following the presenter. */
export function withPresence(
  state: MeetingLiveState,
  change: { userId: string; online: boolean; following: boolean },
): MeetingLiveState {
  const others = state.online.filter((entry) => entry.userId !== change.userId);
  const online = change.online ? [...others, { userId: change.userId, following: change.following }] : others;
  return { ...state, online };
}

/**
 * A vote opened, counted more ballots or closed. A count that arrives after the close (events may cross)
 * never reopens it, and a stale count never lowers a newer one.
 */
export function withVote(state: MeetingLiveState, vote: MeetingVote): MeetingLiveState {
  const known = state.votes.find((candidate) => candidate.id === vote.id);
  if (!known) return { ...state, votes: [...state.votes, vote] };
  if (known.status === 'closed' && vote.status === 'open') return state;
  const next =
    vote.status === 'open' ? { ...vote, ballotCount: Math.max(known.ballotCount, vote.ballotCount) } : vote;
  return { ...state, votes: state.votes.map((candidate) => (candidate.id === vote.id ? next : candidate)) };
}

/** The caller's own ballot was counted. */
export function withMyBallot(
  state: MeetingLiveState,
  voteId: string,
  ballot: Ballot | 'cast',
): MeetingLiveState {
  return { ...state, myBallots: { ...state.myBallots, [voteId]: ballot } };
}

/** The open vote, if any (one at a time). */
export function openVote(state: MeetingLiveState): MeetingVote | null {
  return state.votes.find((vote) => vote.status === 'open') ?? null;
}

/** The presence of each member by user id (a member on two devices counts once; following if any device follows). */
export function presenceByUser(online: readonly PresenceEntry[]): Map<string, PresenceEntry> {
  const byUser = new Map<string, PresenceEntry>();
  for (const entry of online) {
    const known = byUser.get(entry.userId);
    byUser.set(entry.userId, {
      userId: entry.userId,
      following: entry.following || (known?.following ?? false),
    });
  }
  return byUser;
}

/** One bar of a vote's result. */
export type ResultRow = { key: string; count: number; share: number };

/**
 * A closed vote's result as bars: approval choices in their fixed order, dot-vote candidates ranked by their
 * dots (ties keep the agenda order). `share` is of the largest count, for the bar's length.
 */
export function resultRows(vote: MeetingVote): ResultRow[] {
  if (!vote.result) return [];
  const keys = vote.spec.kind === 'approval' ? Object.keys(vote.result) : vote.spec.candidateItemIds;
  const rows = keys.map((key) => ({ key, count: vote.result?.[key] ?? 0 }));
  if (vote.spec.kind === 'dots') rows.sort((a, b) => b.count - a.count);
  const most = Math.max(1, ...rows.map((row) => row.count));
  return rows.map((row) => ({ ...row, share: row.count / most }));
}
