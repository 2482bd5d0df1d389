import { sleep } from '../../support/waitFor';
import { ClientPool } from '../support/clientPool';
import { clientSpecs } from '../support/clientSpecs';
import { planState } from '../support/planContent';
import { launch, SERVER_KINDS, type ServerHandle } from '../support/servers';
import {
  judgeAtMost,
  report,
  sized,
  type MeasurableWorkload,
  type Scale,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';
import type { ClientSpec } from '../support/workerProtocol';

const CONNECTIONS = 5_000;
const PLANS = 500;
/** A small plan: ten topics with short notes. */
const TOPICS = 10;
const NOTES_CHARS = 40;
const WORKERS = 2;
/** Time for connections to settle (awareness exchange) before memory is read. */
const SETTLE_MS = 3_000;
/** Time for servers to free plans after everyone left (Yipan keeps a plan 1 s; the reference stores first). */
const LEAVE_MS = 4_000;
/** Quick runs wait this share of the full waits. */
const QUICK_WAIT_SHARE = 0.5;
const KIB = 1024;
const PERCENT = 100;

function size(scale: Scale) {
  const wait = scale.quick ? QUICK_WAIT_SHARE : 1;
  return {
    connections: sized(scale, CONNECTIONS),
    plans: sized(scale, PLANS),
    settleMs: SETTLE_MS * wait,
    leaveMs: LEAVE_MS * wait,
  };
}

/** RSS and V8 heap after a full GC in the server, in bytes. */
async function settledMemory(server: ServerHandle): Promise<{ rss: number; heap: number }> {
  const { heapUsedBytes } = await server.probe('gc');
  return { rss: server.sample().rssBytes, heap: heapUsedBytes };
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const { connections, plans, settleMs, leaveMs } = size(context.scale);
  const planIds = Array.from({ length: plans }, (_, index) => `bench-w6-${index}`);
  const state = planState(TOPICS, NOTES_CHARS, 6);
  const server = await launch(
    context,
    planIds.map((planId) => ({ planId, updates: [state] })),
  );
  const pool = ClientPool.start(WORKERS);
  const perPlan = Math.max(1, Math.floor(connections / plans));
  const specsFor = async (label: string): Promise<{ first: ClientSpec[]; rest: ClientSpec[] }> => {
    const first: ClientSpec[] = [];
    const rest: ClientSpec[] = [];
    for (const [plan, planId] of planIds.entries()) {
      const specs = await clientSpecs([server], planId, perPlan, `${label}p${plan}c`);
      first.push(...specs.slice(0, 1));
      rest.push(...specs.slice(1));
    }
    return { first, rest };
  };
  // One full cycle before measuring: the start of every repetition is then a server that has served
  // and freed this load once, so what remains after a cycle shows documents that were not freed,
  // not memory the allocator keeps after its first growth.
  context.log('warm-up cycle');
  const warmUp = await specsFor('warm');
  await pool.open([...warmUp.first, ...warmUp.rest]);
  await pool.closeClients();
  await sleep(leaveMs);
  return {
    rep: async (index) => {
      const start = await settledMemory(server);
      const { first, rest } = await specsFor(`r${index}`);
      const openedFirst = await pool.open(first);
      await sleep(settleMs);
      const onePerPlan = await settledMemory(server);
      const openedRest = await pool.open(rest);
      await sleep(settleMs);
      const all = await settledMemory(server);
      const { disconnects } = await pool.collect();
      await pool.closeClients();
      await sleep(leaveMs);
      const left = await settledMemory(server);
      const perConnection = (all.rss - onePerPlan.rss) / Math.max(1, rest.length);
      const perPlanBytes = (onePerPlan.rss - start.rss) / plans - perConnection;
      return {
        perConnectionKiB: perConnection / KIB,
        perPlanKiB: perPlanBytes / KIB,
        perConnectionHeapKiB: (all.heap - onePerPlan.heap) / Math.max(1, rest.length) / KIB,
        perPlanHeapKiB:
          ((onePerPlan.heap - start.heap) / plans - (all.heap - onePerPlan.heap) / Math.max(1, rest.length)) /
          KIB,
        startMiB: start.rss / KIB / KIB,
        allMiB: all.rss / KIB / KIB,
        leftMiB: left.rss / KIB / KIB,
        leftGrowthPct: ((left.rss - start.rss) / start.rss) * PERCENT,
        leftHeapGrowthPct: ((left.heap - start.heap) / start.heap) * PERCENT,
        failed: openedFirst.failed + openedRest.failed,
        disconnects,
      };
    },
    close: async () => {
      await pool.stop();
      await server.stop();
    },
  };
}

/** Workload 6: 5,000 idle connections over 500 plans, then all leave. */
const workload: MeasurableWorkload = {
  id: 6,
  title: 'Idle connections and freeing',
  describe: (scale) => {
    const { connections, plans } = size(scale);
    return `${connections} idle clients over ${plans} plans of ${TOPICS} topics, after one unmeasured warm-up cycle of the same load: first one client per plan (memory per open plan), then the rest (memory per connection), then all leave. Memory is the server's RSS from /proc after a full GC inside the server (the preload runs \`gc()\`; V8 heap used is shown too). "Per open plan" is the growth of the first step per plan, less one connection's share.`;
  },
  kinds: SERVER_KINDS,
  metrics: [
    { key: 'perConnectionKiB', label: 'RSS per connection', unit: 'KiB', decimals: 1 },
    { key: 'perConnectionHeapKiB', label: 'V8 heap per connection', unit: 'KiB', decimals: 1 },
    { key: 'perPlanKiB', label: 'RSS per open plan', unit: 'KiB', decimals: 1 },
    { key: 'perPlanHeapKiB', label: 'V8 heap per open plan', unit: 'KiB', decimals: 1 },
    { key: 'startMiB', label: 'RSS at the start', unit: 'MiB', decimals: 0 },
    { key: 'allMiB', label: 'RSS with everyone connected', unit: 'MiB', decimals: 0 },
    { key: 'leftMiB', label: 'RSS after all left', unit: 'MiB', decimals: 0 },
    { key: 'leftGrowthPct', label: 'RSS after all left vs start', unit: '%', decimals: 1 },
    { key: 'leftHeapGrowthPct', label: 'V8 heap after all left vs start', unit: '%', decimals: 1 },
    { key: 'failed', label: 'clients that failed to sync', unit: '', decimals: 0 },
    { key: 'disconnects', label: 'client disconnects', unit: '', decimals: 0 },
  ],
  ratios: ['perConnectionKiB', 'perPlanKiB'],
  judge: (summary) => [
    report('Yipan RSS per connection', summary.median('yipan', 'perConnectionKiB'), ' KiB'),
    report('Yipan RSS per open plan', summary.median('yipan', 'perPlanKiB'), ' KiB'),
    report('Yipan RSS after all left vs start', summary.median('yipan', 'leftGrowthPct'), ' %'),
    // Documents are freed when the heap returns to where it started; RSS also keeps what V8 and
    // the allocator hold on to after their first growth, for every server alike (see the figures).
    judgeAtMost(
      'Yipan V8 heap after all left vs start (documents freed)',
      summary.median('yipan', 'leftHeapGrowthPct'),
      10,
      ' %',
    ),
  ],
  open,
};
export default workload;
