import { describe, expect, it } from 'vitest';
import { ConnectionQuota } from './ConnectionQuota';

describe('ConnectionQuota', () => {
  it('counts connections per user, refuses past the most, and forgets a user with none left', () => {
    const quota = new ConnectionQuota(2, { burst: 1, perSecond: 0 });
    const first = quota.acquire('alice');
    const second = quota.acquire('alice');
    expect(first && second).toBeTruthy();
    expect(quota.acquire('alice')).toBeNull();
    expect(quota.acquire('bob')).not.toBeNull();
    // One bucket for all of a user's connections: alice's one token is shared.
    expect([first?.take(), second?.take()]).toEqual([true, false]);
    first?.release();
    first?.release();
    expect(quota.count('alice')).toBe(1);
    second?.release();
    expect(quota.count('alice')).toBe(0);
  });
});
