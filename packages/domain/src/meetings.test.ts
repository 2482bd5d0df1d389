import { describe, expect, it } from 'vitest';
import {
  applyTimerAction,
  ballotProblem,
  idleTimer,
  meetingIdFromMinutesDocName,
  minutesDocName,
  tallyIncrements,
  timerRemainingMs,
  voteResult,
  VoteSpec,
  type Ballot,
} from './meetings';

const dots = VoteSpec.parse({
  kind: 'dots',
  title: '征集建议排序',
  candidateItemIds: ['a', 'b', 'c'],
  dotsPerParticipant: 3,
  anonymous: true,
});
const approval = VoteSpec.parse({ kind: 'approval', title: '表决', itemId: 'a', anonymous: false });

describe('meeting timers', () => {
  it('counts down while running, keeps the elapsed time when paused and shows overrun as negative', () => {
    let timer = idleTimer(60_000);
    expect(timerRemainingMs(timer, 1_000)).toBe(60_000);
    timer = applyTimerAction(timer, { action: 'start' }, 1_000);
    expect(timerRemainingMs(timer, 21_000)).toBe(40_000);
    // Starting a running timer again does not restart it.
    expect(applyTimerAction(timer, { action: 'start' }, 5_000)).toEqual(timer);
    timer = applyTimerAction(timer, { action: 'pause' }, 31_000);
    expect(timer).toEqual({ durationMs: 60_000, elapsedMs: 30_000, runningSince: null });
    expect(timerRemainingMs(timer, 99_000)).toBe(30_000);
    timer = applyTimerAction(
      applyTimerAction(timer, { action: 'start' }, 100_000),
      { action: 'set', durationMs: 40_000 },
      100_000,
    );
    expect(timerRemainingMs(timer, 115_000)).toBe(-5_000);
    expect(applyTimerAction(timer, { action: 'reset' }, 120_000)).toEqual(idleTimer(40_000));
  });
});

describe('ballots', () => {
  it('accepts a ballot that fits its vote and says why one does not', () => {
    expect(ballotProblem(approval, { kind: 'approval', choice: 'against' })).toBeNull();
    expect(ballotProblem(dots, { kind: 'dots', dots: { a: 2, c: 1 } })).toBeNull();
    expect(ballotProblem(dots, { kind: 'dots', dots: { a: 1 } })).toBeNull();
    expect(ballotProblem(approval, { kind: 'dots', dots: { a: 1 } })).toBe('wrong_kind');
    expect(ballotProblem(dots, { kind: 'dots', dots: { z: 1 } })).toBe('unknown_candidate');
    expect(ballotProblem(dots, { kind: 'dots', dots: { a: 2, b: 2 } })).toBe('too_many_dots');
    expect(ballotProblem(dots, { kind: 'dots', dots: { a: 0 } })).toBe('no_dots');
  });

  it('tallies choices per option, every option shown even when nobody chose it', () => {
    const ballots: Ballot[] = [
      { kind: 'dots', dots: { a: 2, b: 1 } },
      { kind: 'dots', dots: { a: 1, b: 0 } },
    ];
    const tally: Record<string, number> = {};
    for (const ballot of ballots)
      for (const [key, count] of Object.entries(tallyIncrements(ballot)))
        tally[key] = (tally[key] ?? 0) + count;
    expect(voteResult(dots, tally)).toEqual({ a: 3, b: 1, c: 0 });
    expect(voteResult(approval, tallyIncrements({ kind: 'approval', choice: 'approve' }))).toEqual({
      approve: 1,
      against: 0,
      abstain: 0,
    });
  });

  it('refuses a dot vote with repeated or too few candidates', () => {
    expect(VoteSpec.safeParse({ ...dots, candidateItemIds: ['a', 'a'] }).success).toBe(false);
    expect(VoteSpec.safeParse({ ...dots, candidateItemIds: ['a'] }).success).toBe(false);
  });
});

describe('minutes documents', () => {
  it('names a meeting’s minutes and reads the meeting back, refusing anything else', () => {
    expect(meetingIdFromMinutesDocName(minutesDocName('mtg_1'))).toBe('mtg_1');
    expect(meetingIdFromMinutesDocName('plan:city-2021')).toBeNull();
    expect(meetingIdFromMinutesDocName('minutes:bad id')).toBeNull();
  });
});
