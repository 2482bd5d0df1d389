import { CO_EDITING_METRICS, openCoEditing, sizedCoEditing, type CoEditing } from '../support/coEditing';
import { SERVER_KINDS } from '../support/servers';
import { judgeAtMost, type MeasurableWorkload, type Scale } from '../support/workload';

/** Clients connected to the plan. */
const CLIENTS = 300;
/** Of which type. */
const EDITORS = 30;
/** Edits per second per editor: a person typing steadily. */
const EDITS_PER_SEC = 5;
const DURATION_MS = 30_000;
const SETTLE_MS = 2_000;
const DRAIN_MS = 1_000;
/** Quick runs wait this share of the full waits: a tenth of the clients settle sooner. */
const QUICK_WAIT_SHARE = 0.25;

/** Workload 1's load at a run's size; workload 10 spreads the same load over three processes. */
export function editingShape(scale: Scale): CoEditing {
  return sizedCoEditing(scale, {
    planId: 'bench-w1',
    clients: CLIENTS,
    editors: EDITORS,
    editsPerSec: EDITS_PER_SEC,
    durationMs: DURATION_MS,
    settleMs: SETTLE_MS,
    drainMs: DRAIN_MS,
    quickWaitShare: QUICK_WAIT_SHARE,
    seed: 1,
  });
}

/** Workload 1: one plan, 300 clients, 30 of them typing 5 times a second for 30 s. */
const workload: MeasurableWorkload = {
  id: 1,
  title: 'Co-editing one plan',
  describe: (scale) => {
    const { clients, editors, durationMs, drainMs } = editingShape(scale);
    return `One plan, ${clients} connected clients, ${editors} of them typing into topic notes ${EDITS_PER_SEC} times a second for ${durationMs / 1000} s; every edit is timed at every other client. Server CPU is the process' user+system time over the editing window plus ${drainMs / 1000} s of drain, divided by the updates delivered to clients (awareness renewals of the connected clients are part of the work, for every server alike).`;
  },
  kinds: SERVER_KINDS,
  metrics: CO_EDITING_METRICS,
  ratios: ['p99', 'cpuPerDeliveredUs'],
  judge: (summary) => [
    judgeAtMost('Yipan edit-to-receipt p99', summary.median('yipan', 'p99'), 50, ' ms'),
    judgeAtMost(
      'Yipan CPU per delivered update ÷ reference',
      summary.ratio('cpuPerDeliveredUs', 'reference'),
      1.2,
      '×',
    ),
    judgeAtMost('Yipan p99 ÷ Hocuspocus p99', summary.ratio('p99', 'hocuspocus'), 1, '×'),
  ],
  open: (context) => openCoEditing(context, editingShape(context.scale)),
};
export default workload;
