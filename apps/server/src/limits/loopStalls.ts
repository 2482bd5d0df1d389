/**
 * When the process' event loop was stalled. A rate limit must not charge a client for the server's own
 * pauses: while the loop is blocked (a long commit, a big compaction, a busy machine), an honest client's
 * messages queue in the socket and are then read all at once, faster than it ever sent them. The token
 * buckets ask how much of an interval was stalled and let that part refill past their burst.
 */

/** Tick of the watchdog timer. */
const TICK_MS = 20;
/** A tick this much later than due counts as a stall; shorter delays are ordinary scheduling. */
const STALL_THRESHOLD_MS = 50;
/** Stalls kept: older ones matter only to a bucket idle for that long, which has refilled to its burst anyway. */
const KEPT_STALLS = 64;

/** The clock the buckets use: milliseconds, `performance.now()`'s origin. */
export type Clock = () => number;

/** How many milliseconds of the interval [from, to] the event loop was stalled. */
export type StalledMs = (from: number, to: number) => number;

/**
 * Watches a clock for stalls with a repeating timer. The stall going on right now (the timer could not
 * run yet) is counted too: the messages a stall held back are read before the timer's next run.
 */
export class LoopStalls {
  /** Past stalls as [start, end] pairs, oldest first. */
  private readonly stalls: Array<[number, number]> = [];
  private lastTickAt: number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly now: Clock = performance.now.bind(performance)) {
    this.lastTickAt = now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    // A watchdog must not keep a process alive.
    this.timer.unref();
  }

  /** Called by the timer; exposed so that tests can drive a fake clock. */
  tick(): void {
    const now = this.now();
    const stallStart = this.lastTickAt + TICK_MS;
    if (now - stallStart > STALL_THRESHOLD_MS) {
      this.stalls.push([stallStart, now]);
      if (this.stalls.length > KEPT_STALLS) this.stalls.shift();
    }
    this.lastTickAt = now;
  }

  readonly stalledMs: StalledMs = (from, to) => {
    let total = 0;
    // Newest first, stopping at the first stall that ended before `from`: a query per message costs
    // nothing while the loop runs freely, however many stalls are kept.
    for (let i = this.stalls.length - 1; i >= 0; i--) {
      const [start, end] = this.stalls[i]!;
      if (end <= from) break;
      total += overlap(start, end, from, to);
    }
    const ongoingStart = this.lastTickAt + TICK_MS;
    if (this.now() - ongoingStart > STALL_THRESHOLD_MS) total += overlap(ongoingStart, this.now(), from, to);
    return total;
  };

  stop(): void {
    clearInterval(this.timer);
  }
}

function overlap(start: number, end: number, from: number, to: number): number {
  return Math.max(0, Math.min(end, to) - Math.max(start, from));
}

let processStalls: LoopStalls | null = null;

/** The process' own watchdog, started by the first rate limit that needs it. */
export function processLoopStalls(): StalledMs {
  processStalls ??= new LoopStalls();
  return processStalls.stalledMs;
}
