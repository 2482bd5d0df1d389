import type { Locale, Translate } from '../i18n/I18nProvider';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The steps of relative times, each used up to its limit (the thresholds moment.js made familiar:
 * "45 分钟前" still reads as minutes, "50 分钟前" is better said "1 小时前").
 */
const STEPS: { limit: number; unit: Intl.RelativeTimeFormatUnit; size: number }[] = [
  { limit: 45 * MINUTE, unit: 'minute', size: MINUTE },
  { limit: 22 * HOUR, unit: 'hour', size: HOUR },
  { limit: 26 * DAY, unit: 'day', size: DAY },
  { limit: 320 * DAY, unit: 'month', size: 30 * DAY },
  { limit: Infinity, unit: 'year', size: 365 * DAY },
];
/** Under this, a time is "刚刚" / "just now". */
const JUST_NOW_MS = 45 * SECOND;

const formats = new Map<Locale, Intl.RelativeTimeFormat>();

/** "刚刚", "3分钟前", "昨天", "2 hours ago": how long ago (or how soon) `at` is from `now`. */
export function relativeTime(at: Date | string, now: number, locale: Locale, t: Translate): string {
  const diff = new Date(at).getTime() - now;
  const distance = Math.abs(diff);
  if (distance < JUST_NOW_MS) return t('time.justNow');
  const step = STEPS.find((candidate) => distance < candidate.limit) ?? STEPS[STEPS.length - 1];
  if (!step) return t('time.justNow');
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formats.set(locale, format);
  }
  // At least one unit: 46 seconds is "1 分钟前", never "0 分钟前".
  const count = Math.max(1, Math.round(distance / step.size));
  return format.format(diff < 0 ? -count : count, step.unit);
}

/** The full date and time, e.g. for a tooltip beside a relative time. */
export function absoluteTime(at: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}
