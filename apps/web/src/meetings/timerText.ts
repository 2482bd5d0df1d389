import { timerRemainingMs, type TimerState } from '@yipan/domain';

const SECOND_MS = 1000;
const MINUTE_S = 60;
const HOUR_S = 60 * MINUTE_S;

/** `m:ss`, or `h:mm:ss` from an hour on, of a span in milliseconds (rounded up to the second, as a countdown reads). */
export function formatDuration(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / SECOND_MS);
  const hours = Math.floor(total / HOUR_S);
  const minutes = Math.floor((total % HOUR_S) / MINUTE_S);
  const seconds = String(total % MINUTE_S).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** What a timer shows at server time `now`: the time left, or how far it has overrun (超时). */
export type TimerDisplay = {
  text: string;
  overrun: boolean;
  running: boolean;
  /** Never set, never started: nothing worth showing beyond its length. */
  idle: boolean;
};

/** The display of a timer at server time `now` (the client's clock corrected by the server's offset). */
export function timerDisplay(timer: TimerState, now: number): TimerDisplay {
  const remaining = timerRemainingMs(timer, now);
  const running = timer.runningSince !== null;
  const overrun = remaining < 0;
  return {
    // Overrun counts up from zero: 超时 +0:05, rounded down so it starts at +0:00 the moment time is up.
    text: overrun
      ? `+${formatDuration(Math.floor(-remaining / SECOND_MS) * SECOND_MS)}`
      : formatDuration(remaining),
    overrun,
    running,
    idle: !running && timer.elapsedMs === 0,
  };
}

/** Parses what a facilitator types as a timer length, `5`, `5:30` or `1:05:00`, into milliseconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const parts = text.trim().split(/[:：]/);
  if (parts.length === 0 || parts.length > 3 || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  const numbers = parts.map(Number);
  // A single number is minutes: what a chair means by “10”.
  const [hours, minutes, seconds] =
    numbers.length === 3 ? numbers : numbers.length === 2 ? [0, ...numbers] : [0, numbers[0], 0];
  if ((seconds ?? 0) >= MINUTE_S || (numbers.length === 3 && (minutes ?? 0) >= MINUTE_S)) return null;
  return ((hours ?? 0) * HOUR_S + (minutes ?? 0) * MINUTE_S + (seconds ?? 0)) * SECOND_MS;
}
