import type { RateLimit } from './limits';
import { TokenBucket } from './TokenBucket';

/** One user's share: how many connections they hold and the rate bucket those connections share. */
export type UserShare = {
  /** Takes a token from the user's shared bucket; false when the user is over their rate. */
  take: () => boolean;
  /** Gives the connection back when it closes; later calls do nothing (a socket may report its end twice). */
  release: () => void;
};

/**
 * Connections per user, and the message bucket a user's connections share. A user's entry lives while
 * they hold a connection, so the map holds only users connected now.
 */
export class ConnectionQuota {
  private readonly users = new Map<string, { count: number; bucket: TokenBucket | null }>();

  constructor(
    private readonly maxPerUser: number,
    /** The user's shared rate, or null for none. */
    private readonly rate: RateLimit | null,
  ) {}

  /** Takes one of the user's connections, or null when they hold the most allowed already. */
  acquire(userId: string): UserShare | null {
    const entry = this.users.get(userId) ?? {
      count: 0,
      bucket: this.rate ? new TokenBucket(this.rate) : null,
    };
    if (entry.count >= this.maxPerUser) return null;
    entry.count += 1;
    this.users.set(userId, entry);
    let released = false;
    return {
      take: () => entry.bucket?.take() ?? true,
      release: () => {
        if (released) return;
        released = true;
        entry.count -= 1;
        if (entry.count === 0) this.users.delete(userId);
      },
    };
  }

  /** Connections the user holds now. */
  count(userId: string): number {
    return this.users.get(userId)?.count ?? 0;
  }
}

/** A quota that never refuses, for when per-user limits are off (USER_LIMITS=0). */
export const UNLIMITED_SHARE: UserShare = { take: () => true, release: () => undefined };
