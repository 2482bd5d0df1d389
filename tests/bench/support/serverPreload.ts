import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isProbeRequest, type CommitReport, type ProbeReply } from './ipc';

/**
 * Loaded with `--import` into every server under test (Yipan and both peers alike), so that all
 * three report event-loop delay the same way: over the IPC channel the benchmark opened, on request.
 */

/** Sampling resolution of the event-loop delay histogram: fine enough for a 100 ms target. */
const ELD_RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

/** Where a peer entry script may publish commit delays it measured itself (the reference server's LevelDB). */
export const COMMIT_REPORT_KEY = Symbol.for('yipan.bench.commitReport');

const histogram = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
histogram.enable();

/** The histogram records the whole interval between its timer's runs; the delay is what exceeds the resolution. */
function delayMs(nanoseconds: number): number {
  return Math.max(0, nanoseconds / NS_PER_MS - ELD_RESOLUTION_MS);
}

function commitReport(): CommitReport | null {
  const report: unknown = Reflect.get(globalThis, COMMIT_REPORT_KEY);
  return typeof report === 'function' ? (report as () => CommitReport)() : null;
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (!isProbeRequest(message)) return;
    if (message.type === 'probe:gc') {
      const gc: unknown = Reflect.get(globalThis, 'gc');
      if (typeof gc === 'function') (gc as () => void)();
    }
    const reply: ProbeReply = {
      type: 'probe:reply',
      id: message.id,
      loopDelay: {
        p50: delayMs(histogram.percentile(50)),
        p99: delayMs(histogram.percentile(99)),
        max: delayMs(histogram.max),
        mean: delayMs(histogram.mean),
      },
      heapUsedBytes: process.memoryUsage().heapUsed,
      commits: commitReport(),
    };
    if (message.type === 'probe:reset') histogram.reset();
    process.send?.(reply);
  });
  // The channel must not keep a server alive that is shutting down.
  process.channel?.unref();
  // A benchmark that died must not leave its servers running.
  process.on('disconnect', () => process.exit(0));
}
