import { z } from 'zod';
import { lazySchema } from './lazySchema';

/**
 * Calendar dates as `YYYY-MM-DD` strings: deadlines are days, not instants, and a string compares,
 * serialises and stores in a CRDT without time-zone surprises. Arithmetic runs in UTC on purpose.
 */
export const IsoDate = lazySchema(() => z.iso.date());
export type IsoDate = z.infer<typeof IsoDate>;

const MS_PER_DAY = 86_400_000;
/** China keeps one time zone, UTC+8, without daylight saving; "today" for a deadline is Beijing's today. */
const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;
/** Length of `YYYY-MM-DD`, the date part of an ISO timestamp. */
const ISO_DATE_LENGTH = 10;
/** getUTCDay() of Saturday and Sunday. */
const SATURDAY = 6;
const SUNDAY = 0;

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, ISO_DATE_LENGTH);
}

/** The date `days` calendar days after (negative: before) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * MS_PER_DAY));
}

/**
 * The date `days` working days after (negative: before) `date`, counting Monday to Friday.
 * Public holidays and swapped weekend working days (调休) are not known here, so a deadline
 * across a holiday may fall a few days early; it never falls late.
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  const step = days < 0 ? -1 : 1;
  let current = toUtc(date);
  for (let left = Math.abs(days); left > 0;) {
    current = new Date(current.getTime() + step * MS_PER_DAY);
    const weekday = current.getUTCDay();
    if (weekday !== SATURDAY && weekday !== SUNDAY) left -= 1;
  }
  return fromUtc(current);
}

/** The same day `months` months later (negative: earlier), clamped to the end of a shorter month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const start = toUtc(date);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return fromUtc(target);
}

/** The calendar date in China at an instant (milliseconds since the epoch). */
export function chinaDateOf(instant: number): IsoDate {
  return fromUtc(new Date(instant + CHINA_UTC_OFFSET_MS));
}
