import { describe, expect, it } from 'vitest';
import type { MeetingLiveState, MeetingVote } from '@yipan/protocol';
import { presenceByUser, resultRows, withFocus, withPresence, withVote } from './liveState';

const state: MeetingLiveState = {
  meetingId: 'm',
  status: 'live',
  focus: { itemId: 'a', seq: 3 },
  timers: {},
  hands: [],
  online: [{ userId: 'u1', following: true }],
  votes: [],
  myBallots: {},
  serverNow: 0,
};

const dotVote: MeetingVote = {
  id: 'v',
  spec: {
    kind: 'dots',
    title: '排序',
    candidateItemIds: ['a', 'b', 'c'],
    dotsPerParticipant: 2,
    anonymous: true,
  },
  status: 'open',
  ballotCount: 2,
  eligibleCount: 3,
  openedAt: '2021-06-01T09:00:00.000Z',
  closedAt: null,
  result: null,
  ballots: null,
};

describe('the live state of a meeting', () => {
  it('ignores a focus move older than the one shown', () => {
    expect(withFocus(state, { itemId: 'b', seq: 2 }).focus.itemId).toBe('a');
    expect(withFocus(state, { itemId: 'b', seq: 4 }).focus.itemId).toBe('b');
  });

  it('keeps one presence entry per member', () => {
    const away = withPresence(state, { userId: 'u1', online: true, following: false });
    expect(away.online).toEqual([{ userId: 'u1', following: false }]);
    expect(withPresence(away, { userId: 'u1', online: false, following: false }).online).toEqual([]);
    expect(
      presenceByUser([
        { userId: 'u2', following: false },
        { userId: 'u2', following: true },
      ]).get('u2'),
    ).toEqual({ userId: 'u2', following: true });
  });

  it('never reopens a closed vote nor lowers its count with a late event', () => {
    const opened = withVote(state, dotVote);
    const stale = withVote(opened, { ...dotVote, ballotCount: 1 });
    expect(stale.votes[0]?.ballotCount).toBe(2);
    const closed = withVote(opened, {
      ...dotVote,
      status: 'closed',
      ballotCount: 3,
      result: { a: 1, b: 4, c: 1 },
    });
    expect(withVote(closed, dotVote).votes[0]?.status).toBe('closed');
  });

  it('ranks a dot vote’s candidates by their dots', () => {
    const rows = resultRows({ ...dotVote, status: 'closed', result: { a: 1, b: 4, c: 1 } });
    expect(rows.map((row) => [row.key, row.count])).toEqual([
      ['b', 4],
      ['a', 1],
      ['c', 1],
    ]);
    expect(rows[0]?.share).toBe(1);
  });
});
