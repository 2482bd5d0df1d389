import type { RateLimit } from './limits';

/**
 * A token bucket: holds up to `burst` tokens, refilled at `perSecond`; each message takes one. Allows
 * short bursts (a paste, a reconnect's catch-up) while bounding the average rate.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Takes a token if there is one; false means the message is over the rate. */
  take(): boolean {
    const now = this.now();
    const elapsedSeconds = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedSeconds * this.limit.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
