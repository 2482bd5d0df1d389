import { sleep } from '../../support/waitFor';
import { ClientPool, evenPhases } from '../support/clientPool';
import { clientSpecs } from '../support/clientSpecs';
import { watchCommits } from '../support/commitWatch';
import { percentile } from '../support/histogram';
import { nowMs, planState } from '../support/planContent';
import { launch, SERVER_KINDS } from '../support/servers';
import {
  judgeAtLeast,
  judgeAtMost,
  sized,
  type MeasurableWorkload,
  type Scale,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';

/** Plans written at once, one writer each. */
const PLANS = 50;
/** Edits per second per writer: 50 × 120 offers 6,000 updates/s, above the 5,000/s target. */
const EDITS_PER_SEC = 120;
const DURATION_MS = 30_000;
/** Wait after the last edit for commits: past Hocuspocus' 10 s maximum debounce. */
const COMMIT_WAIT_MS = 12_000;
/** In quick runs the peers' debounced commits are not waited for in full. */
const QUICK_COMMIT_WAIT_MS = 2_500;
const WORKERS = 2;
const START_LEAD_MS = 500;
const SETTLE_MS = 1_000;
const TOPICS = 4;
const NOTES_CHARS = 40;

function size(scale: Scale) {
  return {
    plans: sized(scale, PLANS),
    durationMs: sized(scale, DURATION_MS),
    commitWaitMs: scale.quick ? QUICK_COMMIT_WAIT_MS : COMMIT_WAIT_MS,
  };
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const { plans, durationMs, commitWaitMs } = size(context.scale);
  const planIds = Array.from({ length: plans }, (_, index) => `bench-w3-${index}`);
  const server = await launch(
    context,
    planIds.map((planId, index) => ({ planId, updates: [planState(TOPICS, NOTES_CHARS, 300 + index)] })),
  );
  const pool = ClientPool.start(WORKERS);
  return {
    rep: async (index) => {
      const specs = (
        await Promise.all(
          planIds.map((planId, plan) => clientSpecs([server], planId, 1, `r${index}p${plan}w`)),
        )
      ).flat();
      const opened = await pool.open(specs);
      await sleep(SETTLE_MS);
      const phases = evenPhases(specs.length, EDITS_PER_SEC);
      const before = server.sample();
      await server.probe('reset');
      const watch = await watchCommits(server);
      const startAtMs = nowMs() + START_LEAD_MS;
      const { sent, sends, lateMs } = await pool.edit({
        editors: specs.map((spec, writer) => ({
          key: spec.key,
          topicId: 't0',
          phaseMs: phases[writer] ?? 0,
        })),
        startAtMs,
        durationMs,
        ratePerSec: EDITS_PER_SEC,
        trackSends: true,
      });
      await sleep(commitWaitMs);
      const commits = await watch.stop(sends);
      const after = server.sample();
      const { loopDelay } = await server.probe('read');
      const { disconnects } = await pool.collect();
      await pool.closeClients();
      const spanS = Math.max(durationMs, commits.lastCommitAtMs - startAtMs) / 1000;
      return {
        offeredPerSec: sent / (durationMs / 1000),
        committedPerSec: commits.committed / spanS,
        committed: commits.committed,
        uncommitted: commits.uncommitted,
        commitP50: percentile(commits.delays, 50),
        commitP99: percentile(commits.delays, 99),
        commitMax: commits.delays.maxMs,
        cpuSeconds: after.cpuSeconds - before.cpuSeconds,
        eldP99: loopDelay.p99,
        eldMax: loopDelay.max,
        failed: opened.failed,
        disconnects,
        lateMs,
      };
    },
    close: async () => {
      await pool.stop();
      await server.stop();
    },
  };
}

/** Workload 3: sustained writes across 50 plans, counted where they are committed. */
const workload: MeasurableWorkload = {
  id: 3,
  title: 'Sustained writes across plans',
  describe: (scale) => {
    const { plans, durationMs, commitWaitMs } = size(scale);
    return `${plans} plans, one writer each typing ${EDITS_PER_SEC} edits a second for ${durationMs / 1000} s (${plans * EDITS_PER_SEC} updates/s offered), then ${commitWaitMs / 1000} s for the last commits. Commits are observed in the database: Yipan's \`doc_updates\` rows (SQLite, WAL, \`synchronous=FULL\`) from receipt (\`created_at\`) to visibility; Hocuspocus' \`documents\` rows (SQLite) from send to a stored state holding the update; the reference server's LevelDB (locked by its process) by timing each put inside the process. Committed updates per second are the updates committed over the time from the first edit to the last commit.`;
  },
  kinds: SERVER_KINDS,
  metrics: [
    { key: 'offeredPerSec', label: 'updates offered per second', unit: '/s', decimals: 0 },
    { key: 'committedPerSec', label: 'updates committed per second', unit: '/s', decimals: 0 },
    { key: 'committed', label: 'updates committed', unit: '', decimals: 0 },
    { key: 'uncommitted', label: 'updates not committed by the end', unit: '', decimals: 0 },
    { key: 'commitP50', label: 'commit delay p50', unit: 'ms', decimals: 1 },
    { key: 'commitP99', label: 'commit delay p99', unit: 'ms', decimals: 1 },
    { key: 'commitMax', label: 'commit delay max', unit: 'ms', decimals: 0 },
    { key: 'cpuSeconds', label: 'server CPU', unit: 's', decimals: 2 },
    { key: 'eldP99', label: 'server event-loop delay p99', unit: 'ms', decimals: 1 },
    { key: 'eldMax', label: 'server event-loop delay max', unit: 'ms', decimals: 0 },
    { key: 'failed', label: 'writers that failed to sync', unit: '', decimals: 0 },
    { key: 'disconnects', label: 'writer disconnects', unit: '', decimals: 0 },
    { key: 'lateMs', label: 'load generator: longest an edit ran late', unit: 'ms', decimals: 0 },
  ],
  ratios: ['committedPerSec', 'commitP99', 'cpuSeconds'],
  judge: (summary) => [
    judgeAtLeast(
      'Yipan updates committed per second (SQLite)',
      summary.median('yipan', 'committedPerSec'),
      5000,
      '/s',
    ),
    judgeAtMost('Yipan receipt-to-commit p99', summary.median('yipan', 'commitP99'), 100, ' ms'),
    {
      target: 'Hocuspocus commit delay p99 (report)',
      value: `${Math.round(summary.median('hocuspocus', 'commitP99'))} ms`,
      met: null,
    },
    {
      target: 'reference commit delay p99 (report)',
      value: `${Math.round(summary.median('reference', 'commitP99'))} ms`,
      met: null,
    },
  ],
  open,
};
export default workload;
