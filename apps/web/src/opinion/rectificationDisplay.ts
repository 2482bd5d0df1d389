import { chinaDateOf, type IsoDate, type RectificationState } from '@yipan/domain';

/** Tag colours of the item states: grey while drafting, blue while with the body, gold awaiting a vote, green done. */
export const STATE_COLOR: Record<RectificationState, string> = {
  drafting: 'default',
  chairs_approved: 'purple',
  issued: 'blue',
  handling: 'processing',
  reported: 'cyan',
  deliberated: 'geekblue',
  rated: 'gold',
  tracking: 'orange',
  closed: 'success',
  reopened: 'error',
};

/** Offset of China time from UTC: dates the user picks are days in China, like the follow-up board's `today`. */
const CHINA_OFFSET = '+08:00';

/** The instant of the start of a picked day in China time, as records store it. */
export function instantOfDay(day: IsoDate): number {
  return Date.parse(`${day}T00:00:00${CHINA_OFFSET}`);
}

/** Today in China time. */
export function todayInChina(): IsoDate {
  return chinaDateOf(Date.now());
}

/** A recorded instant shown as its day in China time (2021-10-31). */
export function dayOf(instant: number): IsoDate {
  return chinaDateOf(instant);
}

/** States in which an item's rating is the latest vote; before, a rating left over is the failed one of an earlier round. */
const RATING_CURRENT: ReadonlySet<RectificationState> = new Set(['rated', 'tracking', 'closed']);

/** Whether an item's stored rating is its current one, or the failed vote that sent it back for handling. */
export function isRatingCurrent(state: RectificationState): boolean {
  return RATING_CURRENT.has(state);
}
