import { CO_EDITING_METRICS, openCoEditing, sizedCoEditing, type CoEditing } from '../support/coEditing';
import { SERVER_KINDS } from '../support/servers';
import { judgeAtMost, report, type MeasurableWorkload, type Scale } from '../support/workload';

/** Clients connected to the plan, every one of them editing. */
const CLIENTS = 400;
/**
 * Edits per second per client. The issue fixes no rate. One edit every ten seconds from each of 400
 * people is a plenary session filling in the plan together: 40 updates and 16,000 deliveries a
 * second. One a second (160,000 deliveries a second) was tried first: the clients alone then need
 * about six cores to apply what they receive, so on this 2-core machine it measured the load
 * generator (minutes of backlog, clients dropped for missed pongs), not the server.
 */
const EDITS_PER_SEC = 0.1;
const DURATION_MS = 20_000;
const SETTLE_MS = 3_000;
const DRAIN_MS = 2_000;
/** Quick runs wait this share of the full waits. */
const QUICK_WAIT_SHARE = 0.25;

function shape(scale: Scale): CoEditing {
  return sizedCoEditing(scale, {
    planId: 'bench-w2',
    clients: CLIENTS,
    editors: 'all',
    editsPerSec: EDITS_PER_SEC,
    durationMs: DURATION_MS,
    settleMs: SETTLE_MS,
    drainMs: DRAIN_MS,
    quickWaitShare: QUICK_WAIT_SHARE,
    seed: 2,
  });
}

/** Workload 2: one plan, 400 clients, all of them editing. */
const workload: MeasurableWorkload = {
  id: 2,
  title: 'Everyone editing one plan',
  describe: (scale) => {
    const { clients, durationMs } = shape(scale);
    return `One plan, ${clients} clients, every one typing into its own topic's notes once every ${1 / EDITS_PER_SEC} s for ${durationMs / 1000} s. Event-loop delay is measured inside each server by the same \`--import\` preload (\`monitorEventLoopDelay\`, 10 ms resolution, reported above the resolution).`;
  },
  kinds: SERVER_KINDS,
  metrics: CO_EDITING_METRICS,
  ratios: ['eldP99', 'p99', 'cpuPerDeliveredUs'],
  judge: (summary) => [
    judgeAtMost('Yipan server event-loop delay p99', summary.median('yipan', 'eldP99'), 100, ' ms'),
    judgeAtMost('Yipan client disconnects (any repetition)', summary.max('yipan', 'disconnects'), 0, ''),
    report('Yipan edit-to-receipt p99', summary.median('yipan', 'p99'), ' ms'),
  ],
  open: (context) => openCoEditing(context, shape(context.scale)),
};
export default workload;
