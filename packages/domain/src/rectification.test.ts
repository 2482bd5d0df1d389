import { describe, expect, it } from 'vitest';
import {
  checkRectificationTransition,
  isRectificationOverdue,
  nextRectificationStates,
  Rating,
  ratingPasses,
  ratingPercent,
  type RectificationDetail,
  type RectificationState,
} from './rectification';

const by: RectificationDetail = { at: 1, by: '监察和司法委' };
const passing: Rating = { satisfied: 30, basicallySatisfied: 0, unsatisfied: 20 };
const failing: Rating = { satisfied: 10, basicallySatisfied: 19, unsatisfied: 21 };

/** Walks states from `drafting`, rating where a rating is due; returns the first refusal code. */
function walk(states: RectificationState[], rating: Rating = passing): string | null {
  let item = { state: 'drafting' as RectificationState, rating: null as Rating | null };
  for (const to of states) {
    const detail = { ...by, rating: to === 'rated' ? rating : undefined, note: '现场检查未整改到位' };
    const result = checkRectificationTransition(item, to, detail);
    if (!result.ok) return `${item.state}→${to}: ${result.code}`;
    item = { state: to, rating: to === 'rated' ? rating : item.rating };
  }
  return null;
}

const UP_TO_REPORTED: RectificationState[] = ['chairs_approved', 'issued', 'handling', 'reported'];

describe('rectification items', () => {
  it('follow the legal paths, with or without deliberating the handling report', () => {
    expect(walk([...UP_TO_REPORTED, 'rated', 'tracking', 'closed'])).toBeNull();
    expect(walk([...UP_TO_REPORTED, 'deliberated', 'rated', 'tracking', 'closed'])).toBeNull();
    expect(walk([...UP_TO_REPORTED, 'rated', 'tracking', 'reopened', 'handling', 'reported'])).toBeNull();
    expect(walk([...UP_TO_REPORTED, 'rated', 'reopened', 'handling'], failing)).toBeNull();
  });

  it('refuse skipped states and moves out of closed', () => {
    expect(walk(['issued'])).toBe('drafting→issued: illegal_transition');
    expect(walk([...UP_TO_REPORTED, 'tracking'])).toBe('reported→tracking: illegal_transition');
    expect(walk([...UP_TO_REPORTED, 'rated', 'closed'])).toBe('rated→closed: illegal_transition');
    expect(walk([...UP_TO_REPORTED, 'rated', 'tracking', 'closed', 'reopened'])).toBe(
      'closed→reopened: illegal_transition',
    );
    expect(walk(['drafting'])).toBe('drafting→drafting: same_state');
  });

  it('need a rating to be rated, and handle an item under 60 % again', () => {
    const reported = { state: 'reported' as const, rating: null };
    expect(checkRectificationTransition(reported, 'rated', by)).toEqual({
      ok: false,
      code: 'rating_required',
    });
    expect(walk([...UP_TO_REPORTED, 'rated', 'tracking'], failing)).toBe('rated→tracking: rating_failed');
    expect(walk([...UP_TO_REPORTED, 'rated', 'reopened'])).toBe('rated→reopened: rating_passed');
    expect(nextRectificationStates({ state: 'rated', rating: failing })).toEqual(['reopened']);
    expect(nextRectificationStates({ state: 'rated', rating: passing })).toEqual(['tracking']);
    expect(nextRectificationStates({ state: 'reported', rating: null })).toEqual(['deliberated', 'rated']);
  });

  it('need a finding to reopen after a look-back, and a valid detail always', () => {
    const tracking = { state: 'tracking' as const, rating: passing };
    expect(checkRectificationTransition(tracking, 'reopened', by)).toMatchObject({ code: 'note_required' });
    expect(checkRectificationTransition(tracking, 'closed', { at: 1, by: ' ' })).toMatchObject({
      code: 'invalid_detail',
    });
    const noVotes = { ...by, rating: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 } };
    expect(checkRectificationTransition({ state: 'reported', rating: null }, 'rated', noVotes)).toMatchObject(
      {
        code: 'invalid_detail',
      },
    );
  });

  it('pass a rating at 60 % satisfied or basically satisfied, or at an organisation’s own threshold', () => {
    expect(ratingPasses({ satisfied: 20, basicallySatisfied: 10, unsatisfied: 20 })).toBe(true);
    expect(ratingPasses(failing)).toBe(false);
    expect(ratingPasses({ satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 })).toBe(false);
    expect(ratingPasses(passing, 70)).toBe(false);
    expect(Rating.safeParse({ satisfied: -1, basicallySatisfied: 0, unsatisfied: 3 }).success).toBe(false);
  });

  it('show the share behind a pass or a fail, to one decimal', () => {
    expect(ratingPercent({ satisfied: 20, basicallySatisfied: 10, unsatisfied: 20 })).toBe(60);
    expect(ratingPercent(failing)).toBe(58);
    expect(ratingPercent({ satisfied: 599, basicallySatisfied: 0, unsatisfied: 401 })).toBe(59.9);
    expect(ratingPercent({ satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 })).toBe(0);
  });

  it('allow the whole way of a failed item: rated low, reopened, handled again, rated well, closed', () => {
    expect(
      walk([...UP_TO_REPORTED, 'rated', 'reopened', 'handling', 'reported'], failing) ??
        walk([...UP_TO_REPORTED, 'rated', 'tracking', 'closed'], passing),
    ).toBeNull();
    const rerated = { state: 'reported' as const, rating: failing };
    expect(nextRectificationStates(rerated)).toEqual(['deliberated', 'rated']);
    expect(checkRectificationTransition(rerated, 'rated', { ...by, rating: passing })).toEqual({ ok: true });
    expect(nextRectificationStates({ state: 'rated', rating: passing })).toEqual(['tracking']);
    expect(nextRectificationStates({ state: 'reopened', rating: failing })).toEqual(['handling']);
    expect(
      checkRectificationTransition({ state: 'tracking', rating: passing }, 'closed', { ...by, closedBy: '' }),
    ).toMatchObject({ code: 'invalid_detail' });
  });

  it('are overdue only while the body owes its report', () => {
    const deadline = '2021-09-30';
    expect(isRectificationOverdue({ state: 'handling', deadline }, '2021-10-01')).toBe(true);
    expect(isRectificationOverdue({ state: 'reopened', deadline }, '2021-10-01')).toBe(true);
    expect(isRectificationOverdue({ state: 'handling', deadline }, deadline)).toBe(false);
    expect(isRectificationOverdue({ state: 'reported', deadline }, '2021-10-01')).toBe(false);
    expect(isRectificationOverdue({ state: 'drafting', deadline: null }, '2021-10-01')).toBe(false);
  });
});
