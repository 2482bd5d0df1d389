import { describe, expect, it } from 'vitest';
import { ProposalRateLimiter } from './ProposalRateLimiter';

describe('ProposalRateLimiter', () => {
  const minute = 60_000;

  it('admits a few proposals per address, then says how long to wait', () => {
    let now = 0;
    const limiter = new ProposalRateLimiter(() => now, { address: { max: 2, windowMs: 10 * minute } });
    expect(limiter.admit('1.1.1.1', 'p')).toEqual({ ok: true });
    now += minute;
    expect(limiter.admit('1.1.1.1', 'p')).toEqual({ ok: true });
    expect(limiter.admit('1.1.1.1', 'p')).toEqual({ ok: false, waitMs: 9 * minute });
    expect(limiter.admit('2.2.2.2', 'p')).toEqual({ ok: true });
    now += 9 * minute;
    expect(limiter.admit('1.1.1.1', 'p')).toEqual({ ok: true });
  });

  it('caps a plan across all addresses', () => {
    const limiter = new ProposalRateLimiter(() => 0, { plan: { max: 3, windowMs: 60 * minute } });
    for (const ip of ['a', 'b', 'c']) expect(limiter.admit(ip, 'p').ok).toBe(true);
    expect(limiter.admit('d', 'p')).toMatchObject({ ok: false });
    expect(limiter.admit('d', 'other').ok).toBe(true);
  });
});
