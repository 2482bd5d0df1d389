import type { RateLimit } from './limits';
import { processLoopStalls, type Clock, type StalledMs } from './loopStalls';

/**
 * A token bucket: holds up to `burst` tokens, refilled at `perSecond`; each message takes one. Allows
 * short bursts (a paste, a reconnect's catch-up) while bounding the average rate.
 *
 * Time the server's event loop was stalled refills past the burst: the messages a client sent during a
 * stall arrive together once the server reads again, and they are the server's backlog, not a flood. The
 * average rate stays bounded all the same: a bucket never holds more than `burst` plus what the rate
 * earned while the server could not read.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: Clock = performance.now.bind(performance),
    private readonly stalledMs: StalledMs = processLoopStalls(),
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Takes a token if there is one; false means the message is over the rate. */
  take(): boolean {
    const now = this.now();
    const { burst, perSecond } = this.limit;
    const earned = ((now - this.refilledAt) / 1000) * perSecond;
    const stallCredit = (this.stalledMs(this.refilledAt, now) / 1000) * perSecond;
    this.refilledAt = now;
    // Above `burst` only by a stall's credit; credit left over from an earlier stall is kept until spent.
    this.tokens = Math.max(this.tokens, Math.min(burst + stallCredit, this.tokens + earned));
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
