import { describe, expect, it } from 'vitest';
import { LoopStalls } from './loopStalls';
import { TokenBucket } from './TokenBucket';

const takes = (bucket: TokenBucket, count: number): number =>
  Array.from({ length: count }, () => bucket.take()).filter(Boolean).length;

/** A fake clock whose watchdog ticks on time, except through `stall`. */
function fakeLoop() {
  const clock = { now: 0 };
  const stalls = new LoopStalls(() => clock.now);
  stalls.stop();
  return {
    clock,
    stalls,
    /** Time passes with the loop free: the watchdog's timer runs every 20 ms. */
    run(ms: number) {
      for (let passed = 0; passed < ms; passed += 20) {
        clock.now += 20;
        stalls.tick();
      }
    },
    /** The loop is blocked for `ms` past the timer's next run; the timer has not run yet. */
    stall(ms: number) {
      clock.now += 20 + ms;
    },
  };
}

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(
      { burst: 3, perSecond: 2 },
      () => now,
      () => 0,
    );
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    // A long pause refills to the burst, never beyond it.
    now += 60_000;
    expect(Array.from({ length: 4 }, () => bucket.take())).toEqual([true, true, true, false]);
  });

  it('lets through what a client sent at its rate while the server stalled, and no more', () => {
    const loop = fakeLoop();
    const bucket = new TokenBucket({ burst: 10, perSecond: 20 }, () => loop.clock.now, loop.stalls.stalledMs);
    expect(takes(bucket, 10)).toBe(10);
    // 3 s blocked: a client sending 20 a second has 60 messages queued, read at once after the stall.
    loop.stall(3_000);
    expect(takes(bucket, 70)).toBe(60);
    // With the loop free again, a long pause refills to the burst only.
    loop.run(10_000);
    expect(takes(bucket, 20)).toBe(10);
  });

  it('keeps what is left of a stall’s credit until it is spent, without refilling on top of it', () => {
    const loop = fakeLoop();
    const bucket = new TokenBucket({ burst: 10, perSecond: 20 }, () => loop.clock.now, loop.stalls.stalledMs);
    loop.stall(2_000);
    loop.stalls.tick();
    // The burst plus the 40 earned in the stall, read partly now and partly a little later.
    expect(takes(bucket, 30)).toBe(30);
    loop.run(100);
    expect(takes(bucket, 30)).toBe(20);
    // Spent: back to the ordinary refill.
    loop.run(500);
    expect(takes(bucket, 30)).toBe(10);
  });
});

describe('LoopStalls', () => {
  it('counts late ticks as stalls, including the stall going on before the timer could run', () => {
    const loop = fakeLoop();
    loop.run(200);
    expect(loop.stalls.stalledMs(0, loop.clock.now)).toBe(0);
    loop.stall(1_000);
    const end = loop.clock.now;
    expect(loop.stalls.stalledMs(0, end)).toBe(1_000);
    expect(loop.stalls.stalledMs(end - 400, end)).toBe(400);
    loop.stalls.tick();
    loop.run(200);
    expect(loop.stalls.stalledMs(0, loop.clock.now)).toBe(1_000);
    // Only the part inside the interval asked about.
    expect(loop.stalls.stalledMs(end - 300, end + 100)).toBe(300);
  });

  it('sums every stall inside the interval and none before it', () => {
    const loop = fakeLoop();
    const starts: number[] = [];
    for (const ms of [300, 200, 100]) {
      loop.run(100);
      // A stall starts when the timer's next run was due.
      starts.push(loop.clock.now + 20);
      loop.stall(ms);
      loop.stalls.tick();
    }
    loop.run(100);
    expect(loop.stalls.stalledMs(0, loop.clock.now)).toBe(600);
    // From inside the first stall: its last 50 ms and the two after it.
    expect(loop.stalls.stalledMs(starts[0]! + 250, loop.clock.now)).toBe(350);
    expect(loop.stalls.stalledMs(starts[1]!, loop.clock.now)).toBe(300);
    expect(loop.stalls.stalledMs(starts[2]! + 100, loop.clock.now)).toBe(0);
  });

  it('does not count ordinary timer lateness under 50 ms', () => {
    const loop = fakeLoop();
    loop.stall(40);
    loop.stalls.tick();
    loop.run(100);
    expect(loop.stalls.stalledMs(0, loop.clock.now)).toBe(0);
  });
});
