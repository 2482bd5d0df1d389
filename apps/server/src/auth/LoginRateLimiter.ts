/** A limit of failed sign-ins: at most `max` failures per `windowMs`. */
export type FailureLimit = { max: number; windowMs: number };

/** Window of the failed sign-in limits: long enough to make guessing slow, short enough to forgive typos. */
const WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins per account per window: a user mistyping recovers, a guesser gets 20 tries an hour. */
export const ACCOUNT_FAILURE_LIMIT: FailureLimit = { max: 5, windowMs: WINDOW_MS };
/** Failed sign-ins per client address per window: an office behind one NAT still signs in, a sprayer stops. */
export const IP_FAILURE_LIMIT: FailureLimit = { max: 20, windowMs: WINDOW_MS };
/** Keys tracked at most; beyond it the oldest are forgotten, so a flood of usernames cannot exhaust memory. */
const MAX_TRACKED_KEYS = 50_000;

/** Failures of one key within the window, oldest first. */
class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(readonly limit: FailureLimit) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  waitMs(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.limit.max) return 0;
    const oldestCounted = times[times.length - this.limit.max] ?? now;
    return Math.max(1, oldestCounted + this.limit.windowMs - now);
  }

  fail(key: string, now: number): void {
    const times = this.recent(key, now);
    times.push(now);
    this.failures.delete(key);
    this.failures.set(key, times.slice(-this.limit.max));
    if (this.failures.size > MAX_TRACKED_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

/**
 * In-memory limits on failed sign-ins, per account and per client address. A process restart forgets
 * them, and each process of a scaled-out deployment counts its own: they slow guessing, the password
 * policy and scrypt do the rest.
 */
export class LoginRateLimiter {
  private readonly accounts: FailureWindow;
  private readonly addresses: FailureWindow;

  constructor(
    private readonly now: () => number,
    limits: { account?: FailureLimit; ip?: FailureLimit } = {},
  ) {
    this.accounts = new FailureWindow(limits.account ?? ACCOUNT_FAILURE_LIMIT);
    this.addresses = new FailureWindow(limits.ip ?? IP_FAILURE_LIMIT);
  }

  /** Milliseconds the caller must wait before trying this account from this address; 0 when allowed. */
  waitMs(username: string, ip: string): number {
    const now = this.now();
    return Math.max(this.accounts.waitMs(username, now), this.addresses.waitMs(ip, now));
  }

  /** Counts a failed sign-in against both the account and the address. */
  fail(username: string, ip: string): void {
    const now = this.now();
    this.accounts.fail(username, now);
    this.addresses.fail(ip, now);
  }

  /** A successful sign-in clears the account's failures (the address keeps its count). */
  succeed(username: string): void {
    this.accounts.reset(username);
  }
}
