import { z } from 'zod';
import type { IsoDate } from './dates';
import { labelledEnum } from './labelledEnum';
import { SHORT_TEXT_MAX } from './planDoc';
import { lazySchema } from './lazySchema';

/**
 * The follow-up of a deliberation opinion's items (审议意见 → 整改) as a state machine (DOMAIN.md):
 * drafting → chairs_approved → issued → handling → reported → (deliberated) → rated → tracking → closed,
 * and reopened → handling when a rating or a look-back fails.
 */

const states = labelledEnum([
  ['drafting', { zh: '起草', en: 'Drafting' }],
  ['chairs_approved', { zh: '主任会议通过', en: 'Approved by the chairs' }],
  ['issued', { zh: '已交办', en: 'Issued' }],
  ['handling', { zh: '办理中', en: 'Handling' }],
  ['reported', { zh: '已报告', en: 'Reported' }],
  ['deliberated', { zh: '已审议', en: 'Deliberated' }],
  ['rated', { zh: '已测评', en: 'Rated' }],
  ['tracking', { zh: '回头看', en: 'Tracking' }],
  ['closed', { zh: '已销号', en: 'Closed' }],
  ['reopened', { zh: '重新办理', en: 'Reopened' }],
] as const);
/** Where an opinion item stands in its follow-up. */
export const RectificationState = states.schema;
export type RectificationState = z.infer<typeof RectificationState>;
/** The states in their usual order. */
export const RECTIFICATION_STATES = states.values;
/** How each state is named in the UI. */
export const RECTIFICATION_STATE_LABELS = states.labels;

/** Where each state may go. Deliberating the handling report is optional; closing is final. */
export const RECTIFICATION_TRANSITIONS: Readonly<Record<RectificationState, readonly RectificationState[]>> =
  {
    drafting: ['chairs_approved'],
    chairs_approved: ['issued'],
    issued: ['handling'],
    handling: ['reported'],
    reported: ['deliberated', 'rated'],
    deliberated: ['rated'],
    rated: ['tracking', 'reopened'],
    tracking: ['closed', 'reopened'],
    closed: [],
    reopened: ['handling'],
  };

/** Votes come from members, deputies or a public poll; the bound only keeps garbage out. */
const VOTES_MAX = 1_000_000;
const Votes = lazySchema(() => z.number().int().min(0).max(VOTES_MAX));

/** A satisfaction vote on an item (满意 / 基本满意 / 不满意); at least one vote was cast. */
export const Rating = lazySchema(() =>
  z
    .object({ satisfied: Votes, basicallySatisfied: Votes, unsatisfied: Votes })
    .refine((r) => r.satisfied + r.basicallySatisfied + r.unsatisfied > 0, { message: 'no votes' }),
);
export type Rating = z.infer<typeof Rating>;

/** DOMAIN.md practice: items under 60 % satisfied or basically satisfied are handled again. */
export const RATING_PASS_PERCENT = 60;
const PERCENT = 100;

/** Whether a rating passes: satisfied plus basically satisfied reach the threshold share of all votes. */
export function ratingPasses(rating: Rating, passPercent: number = RATING_PASS_PERCENT): boolean {
  const total = rating.satisfied + rating.basicallySatisfied + rating.unsatisfied;
  // Integer arithmetic: exactly 60 % must pass, which floating-point division could miss.
  return total > 0 && (rating.satisfied + rating.basicallySatisfied) * PERCENT >= passPercent * total;
}

/** Tenths of a percent: enough to show why 59.9 % fails a 60 % threshold. */
const PERCENT_PRECISION = 10;

/** The share of satisfied plus basically satisfied votes in percent, to one decimal (0 without votes). */
export function ratingPercent(rating: Rating): number {
  const total = rating.satisfied + rating.basicallySatisfied + rating.unsatisfied;
  if (total === 0) return 0;
  const share = ((rating.satisfied + rating.basicallySatisfied) * PERCENT) / total;
  return Math.floor(share * PERCENT_PRECISION) / PERCENT_PRECISION;
}

/** Longest note, look-back finding or evidence description. */
export const RECTIFICATION_NOTE_MAX = 2_000;

/**
 * What a state change records: when, by whom, and what the new state needs (a rating, evidence, a finding).
 * `closedBy` names who closed the item on site (现场销号: an inspection group, deputies) when that is not
 * the person recording it; it defaults to `by`.
 */
export const RectificationDetail = lazySchema(() =>
  z.object({
    at: z.number().int().min(0),
    by: z.string().trim().min(1).max(SHORT_TEXT_MAX),
    note: z.string().trim().max(RECTIFICATION_NOTE_MAX).optional(),
    rating: Rating.optional(),
    evidence: z.string().trim().max(RECTIFICATION_NOTE_MAX).optional(),
    closedBy: z.string().trim().min(1).max(SHORT_TEXT_MAX).optional(),
  }),
);
export type RectificationDetail = z.infer<typeof RectificationDetail>;

/** Stable codes of a refused item state change. */
export type RectificationErrorCode =
  | 'invalid_detail'
  | 'same_state'
  | 'illegal_transition'
  | 'rating_required'
  | 'rating_failed'
  | 'rating_passed'
  | 'note_required';

/** The answer of `checkRectificationTransition`. */
export type RectificationCheck = { ok: true } | { ok: false; code: RectificationErrorCode };

type ItemStatus = { state: RectificationState; rating: Rating | null };

function passes(item: ItemStatus, passPercent: number): boolean {
  return item.rating !== null && ratingPasses(item.rating, passPercent);
}

/** The states an item may move to next; after a rating, only the way its result allows. */
export function nextRectificationStates(
  item: ItemStatus,
  passPercent: number = RATING_PASS_PERCENT,
): RectificationState[] {
  return RECTIFICATION_TRANSITIONS[item.state].filter((to) => {
    if (item.state !== 'rated') return true;
    return to === 'tracking' ? passes(item, passPercent) : !passes(item, passPercent);
  });
}

/** Whether an item may move to a state with this detail, or a stable refusal code. */
export function checkRectificationTransition(
  item: ItemStatus,
  to: RectificationState,
  detail: RectificationDetail,
  passPercent: number = RATING_PASS_PERCENT,
): RectificationCheck {
  const parsed = RectificationDetail.safeParse(detail);
  if (!parsed.success) return { ok: false, code: 'invalid_detail' };
  if (to === item.state) return { ok: false, code: 'same_state' };
  if (!RECTIFICATION_TRANSITIONS[item.state].includes(to)) return { ok: false, code: 'illegal_transition' };
  if (to === 'rated' && !parsed.data.rating) return { ok: false, code: 'rating_required' };
  if (item.state === 'rated' && to === 'tracking' && !passes(item, passPercent))
    return { ok: false, code: 'rating_failed' };
  if (item.state === 'rated' && to === 'reopened' && passes(item, passPercent))
    return { ok: false, code: 'rating_passed' };
  // A failed look-back must say what was found.
  if (item.state === 'tracking' && to === 'reopened' && !parsed.data.note)
    return { ok: false, code: 'note_required' };
  return { ok: true };
}

/** States in which the responsible body still owes its handling report. */
const AWAITING_BODY: ReadonlySet<RectificationState> = new Set(['issued', 'handling', 'reopened']);

/** Whether an item is late: its deadline has passed and the body has not reported yet. */
export function isRectificationOverdue(
  item: { state: RectificationState; deadline: IsoDate | null },
  today: IsoDate,
): boolean {
  return item.deadline !== null && item.deadline < today && AWAITING_BODY.has(item.state);
}
