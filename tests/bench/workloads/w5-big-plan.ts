import * as Y from 'yjs';
import { sleep } from '../../support/waitFor';
import { mib } from '../support/clientSpecs';
import { expectedState, timeToContent } from '../support/coldSync';
import { planState } from '../support/planContent';
import { watchPeakRss } from '../support/procStats';
import { launch, SERVER_KINDS } from '../support/servers';
import {
  judgeAtMost,
  report,
  sized,
  type MeasurableWorkload,
  type Scale,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';

const TOPICS = 2_000;
/** Characters of notes per topic: 2,000 topics of 800 Chinese characters make about 5 MB of state. */
const NOTES_CHARS = 800;
const SEED = 5;
/** RSS sampling interval while the plan loads: the peak lasts only as long as the load. */
const PEAK_SAMPLE_MS = 5;
/** Time for the server to free the plan after the client left (Yipan keeps it 1 s). */
const LEAVE_MS = 2_000;

type BigPlan = { state: Uint8Array; expected: Map<number, number> };
/** Built once per size and process: generating 5 MB of plan takes a second. */
const plans = new Map<boolean, BigPlan>();

function plan(scale: Scale): BigPlan {
  const cached = plans.get(scale.quick);
  if (cached) return cached;
  const state = planState(sized(scale, TOPICS), NOTES_CHARS, SEED);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const expected = expectedState(doc);
  doc.destroy();
  plans.set(scale.quick, { state, expected });
  return { state, expected };
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const { state, expected } = plan(context.scale);
  const planIds = Array.from({ length: context.reps }, (_, rep) => `bench-w5-${rep}`);
  const server = await launch(
    context,
    planIds.map((planId) => ({ planId, updates: [state] })),
  );
  return {
    rep: async (index) => {
      await server.probe('gc');
      const baseline = server.sample().rssBytes;
      const peak = watchPeakRss(server.pid, PEAK_SAMPLE_MS);
      const ms = await timeToContent(await server.target(planIds[index] ?? ''), expected);
      const peakBytes = peak.stop();
      await sleep(LEAVE_MS);
      return {
        syncedMs: ms,
        stateMiB: mib(state.length),
        baselineMiB: mib(baseline),
        peakMiB: mib(peakBytes),
        peakGrowthMiB: mib(peakBytes - baseline),
      };
    },
    close: () => server.stop(),
  };
}

/** Workload 5: first sync of a plan of 2,000 topics with long notes (about 5 MB of state). */
const workload: MeasurableWorkload = {
  id: 5,
  title: 'First sync of a big plan',
  describe: (scale) =>
    `A plan of ${sized(scale, TOPICS)} topics with ${NOTES_CHARS}-character notes (${mib(plan(scale).state.length).toFixed(1)} MiB of Yjs state), stored before the server starts; one new client opens it (cold) and is timed until its document holds all of it. Server memory is sampled from /proc every ${PEAK_SAMPLE_MS} ms during the load, after a full GC before it.`,
  kinds: SERVER_KINDS,
  metrics: [
    { key: 'syncedMs', label: 'time to synced at the client', unit: 'ms', decimals: 0 },
    { key: 'peakMiB', label: 'server RSS peak during the load', unit: 'MiB', decimals: 0 },
    { key: 'peakGrowthMiB', label: 'server RSS growth during the load', unit: 'MiB', decimals: 0 },
    { key: 'baselineMiB', label: 'server RSS before the load', unit: 'MiB', decimals: 0 },
    { key: 'stateMiB', label: 'plan state', unit: 'MiB', decimals: 2 },
  ],
  ratios: ['syncedMs', 'peakGrowthMiB'],
  judge: (summary) => [
    judgeAtMost('Yipan time to synced, 5 MB plan', summary.median('yipan', 'syncedMs'), 1000, ' ms'),
    report('Yipan server RSS growth during the load', summary.median('yipan', 'peakGrowthMiB'), ' MiB'),
  ],
  open,
};
export default workload;
