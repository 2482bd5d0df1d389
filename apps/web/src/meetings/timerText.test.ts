import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, timerDisplay } from './timerText';

const MINUTE = 60_000;

describe('timer text', () => {
  it('counts down in minutes and seconds, rounding up', () => {
    expect(formatDuration(5 * MINUTE)).toBe('5:00');
    expect(formatDuration(5 * MINUTE - 1)).toBe('5:00');
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(90 * MINUTE)).toBe('1:30:00');
  });

  it('shows the time left of a running timer at server time', () => {
    const timer = { durationMs: 10 * MINUTE, elapsedMs: MINUTE, runningSince: 1_000_000 };
    expect(timerDisplay(timer, 1_000_000 + 2 * MINUTE)).toMatchObject({
      text: '7:00',
      overrun: false,
      running: true,
    });
  });

  it('marks an overrun timer and counts how far over it is', () => {
    const timer = { durationMs: MINUTE, elapsedMs: 0, runningSince: 0 };
    expect(timerDisplay(timer, MINUTE + 65_500)).toMatchObject({ text: '+1:05', overrun: true });
  });

  it('tells an idle timer from a paused one', () => {
    expect(timerDisplay({ durationMs: MINUTE, elapsedMs: 0, runningSince: null }, 0).idle).toBe(true);
    expect(timerDisplay({ durationMs: MINUTE, elapsedMs: 5000, runningSince: null }, 0)).toMatchObject({
      idle: false,
      running: false,
      text: '0:55',
    });
  });

  it('reads what a chair types as a length', () => {
    expect(parseDuration('10')).toBe(10 * MINUTE);
    expect(parseDuration('5:30')).toBe(5.5 * MINUTE);
    expect(parseDuration('1：05：00')).toBe(65 * MINUTE);
    expect(parseDuration('5:75')).toBeNull();
    expect(parseDuration('ten')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });
});
