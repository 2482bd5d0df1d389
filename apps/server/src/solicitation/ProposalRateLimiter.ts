/** At most `max` proposals per `windowMs`. */
export type SubmissionLimit = { max: number; windowMs: number };

/** Proposals one address may send per window: a resident with several ideas gets through, a script does not. */
export const ADDRESS_PROPOSAL_LIMIT: SubmissionLimit = { max: 5, windowMs: 10 * 60 * 1000 };
/**
 * Public proposals one plan takes per hour from everyone together: far above what a county's call
 * receives, low enough that a botnet of many addresses cannot bury the office's intake.
 */
export const PLAN_PROPOSAL_LIMIT: SubmissionLimit = { max: 300, windowMs: 60 * 60 * 1000 };
/** Keys tracked at most; beyond it the oldest are forgotten, so many addresses cannot exhaust memory. */
const MAX_TRACKED_KEYS = 50_000;

/** Limits of the public form, injectable so tests can reach them quickly. */
export type ProposalLimits = { address?: SubmissionLimit; plan?: SubmissionLimit };

/** Admission times of each key within a sliding window. */
class SlidingWindow {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly limit: SubmissionLimit) {}

  /** Milliseconds until this key may submit again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const recent = (this.times.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    if (recent.length < this.limit.max) return 0;
    const oldestCounted = recent[recent.length - this.limit.max] ?? now;
    return Math.max(1, oldestCounted + this.limit.windowMs - now);
  }

  /** Counts one admission (re-inserted so the map's order stays least recently used first). */
  count(key: string, now: number): void {
    const kept = (this.times.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    this.times.delete(key);
    this.times.set(key, [...kept, now].slice(-this.limit.max));
    if (this.times.size > MAX_TRACKED_KEYS) {
      const oldest = this.times.keys().next().value;
      if (oldest !== undefined) this.times.delete(oldest);
    }
  }
}

/**
 * In-memory limits of the public proposal form, per client address and per plan. Like the sign-in
 * limits, a restart forgets them and each process of a scaled-out deployment counts its own.
 */
export class ProposalRateLimiter {
  private readonly addresses: SlidingWindow;
  private readonly plans: SlidingWindow;

  constructor(
    private readonly now: () => number,
    limits: ProposalLimits = {},
  ) {
    this.addresses = new SlidingWindow(limits.address ?? ADDRESS_PROPOSAL_LIMIT);
    this.plans = new SlidingWindow(limits.plan ?? PLAN_PROPOSAL_LIMIT);
  }

  /**
   * Admits one submission from `ip` to `planId` and counts it; otherwise returns how many milliseconds
   * to wait, and counts nothing (a refused flood does not extend its own wait).
   */
  admit(ip: string, planId: string): { ok: true } | { ok: false; waitMs: number } {
    const now = this.now();
    const waitMs = Math.max(this.addresses.waitMs(ip, now), this.plans.waitMs(planId, now));
    if (waitMs > 0) return { ok: false, waitMs };
    this.addresses.count(ip, now);
    this.plans.count(planId, now);
    return { ok: true };
  }
}
