import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './LoginRateLimiter';

describe('LoginRateLimiter', () => {
  it('limits failures per account and per address within a sliding window', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(() => now, {
      account: { max: 2, windowMs: 1_000 },
      ip: { max: 3, windowMs: 1_000 },
    });
    limiter.fail('a', 'ip1');
    now = 100;
    limiter.fail('a', 'ip1');
    expect(limiter.waitMs('a', 'ip2')).toBe(900);
    expect(limiter.waitMs('b', 'ip1')).toBe(0);
    limiter.fail('b', 'ip1');
    expect(limiter.waitMs('c', 'ip1')).toBe(900);
    now = 950;
    expect(limiter.waitMs('a', 'ip2')).toBe(50);
    now = 1_000;
    expect(limiter.waitMs('a', 'ip2')).toBe(0);
  });

  it('forgets an account’s failures after a successful sign-in, but not the address’s', () => {
    const limiter = new LoginRateLimiter(() => 0, {
      account: { max: 1, windowMs: 1_000 },
      ip: { max: 1, windowMs: 1_000 },
    });
    limiter.fail('a', 'ip1');
    limiter.succeed('a');
    expect(limiter.waitMs('a', 'ip2')).toBe(0);
    expect(limiter.waitMs('a', 'ip1')).toBe(1_000);
  });
});
