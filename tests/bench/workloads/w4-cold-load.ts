import * as Y from 'yjs';
import { sleep } from '../../support/waitFor';
import { expectedState, timeToContent } from '../support/coldSync';
import { planHistory } from '../support/planContent';
import { launch, SERVER_KINDS, type PlanSeed } from '../support/servers';
import {
  judgeAtMost,
  type MeasurableWorkload,
  type Scale,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';

/** History lengths at full size; quick runs use a tenth. */
const HISTORIES = [1_000, 10_000, 100_000] as const;
const QUICK_DIVISOR = 10;
const SEED = 4;
/** Pause between loads, so one load's background work (compaction, trimming) does not overlap the next. */
const BETWEEN_LOADS_MS = 500;
const KIB = 1024;

type Sized = { label: string; updates: Uint8Array[]; expected: Map<number, number>; stateBytes: number };

/** Histories are generated once per process and shared by the three servers. */
const cache = new Map<number, Sized>();

function history(count: number): Sized {
  const cached = cache.get(count);
  if (cached) return cached;
  const updates = planHistory(count, SEED);
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const sized: Sized = {
    label: count >= 1000 ? `${count / 1000}k` : String(count),
    updates,
    expected: expectedState(doc),
    stateBytes: Y.encodeStateAsUpdate(doc).length,
  };
  doc.destroy();
  cache.set(count, sized);
  return sized;
}

function sizes(scale: Scale): number[] {
  return HISTORIES.map((count) => (scale.quick ? count / QUICK_DIVISOR : count));
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const counts = sizes(context.scale);
  const seeds: PlanSeed[] = [];
  // A copy of every history per repetition: each load is the plan's first since the server started.
  for (let rep = 0; rep < context.reps; rep += 1)
    for (const count of counts)
      seeds.push({ planId: `bench-w4-${count}-${rep}`, updates: history(count).updates });
  context.log(`seeding ${seeds.length} plans`);
  const server = await launch(context, seeds);
  return {
    rep: async (index) => {
      const figures: Record<string, number> = {};
      for (const [position, count] of counts.entries()) {
        const { expected, stateBytes } = history(count);
        const ms = await timeToContent(await server.target(`bench-w4-${count}-${index}`), expected);
        figures[`load${position}`] = ms;
        figures[`state${position}`] = stateBytes / KIB;
        await sleep(BETWEEN_LOADS_MS);
      }
      figures.ratio = (figures.load2 ?? Number.NaN) / (figures.load0 ?? Number.NaN);
      return figures;
    },
    close: () => server.stop(),
  };
}

/** Workload 4: cold load of plans with 1k, 10k and 100k updates of history. */
const workload: MeasurableWorkload = {
  id: 4,
  title: 'Cold load against history length',
  describe: (scale) => {
    const [small, middle, large] = sizes(scale).map((count) => history(count));
    return `Plans whose history is ${sizes(scale).join(', ')} single-edit updates by four authors (topics created, notes typed and backspaced at a cursor, fields changed; notes stop growing at 300 characters, so the state grows only by tombstones: ${[small, middle, large].map((sized) => `${Math.round((sized?.stateBytes ?? 0) / KIB)} KiB`).join(', ')}). Each server is given the history in its own storage before it starts (Yipan: every update appended through @yipan/db, which compacts as in production; reference: every update stored in y-leveldb; Hocuspocus keeps only merged state, so it is given that). Cold load: a new client's first connection to a plan not in the server's memory, until its document holds the whole history.`;
  },
  kinds: SERVER_KINDS,
  metrics: [
    { key: 'load0', label: 'cold load, shortest history (1k; quick 100)', unit: 'ms', decimals: 1 },
    { key: 'load1', label: 'cold load, middle history (10k; quick 1k)', unit: 'ms', decimals: 1 },
    { key: 'load2', label: 'cold load, longest history (100k; quick 10k)', unit: 'ms', decimals: 1 },
    { key: 'ratio', label: 'longest ÷ shortest history', unit: '×', decimals: 2 },
    { key: 'state2', label: 'state of the longest plan', unit: 'KiB', decimals: 0 },
  ],
  ratios: ['load0', 'load2'],
  judge: (summary) => [
    judgeAtMost('Yipan cold load, 100k ÷ 1k history', summary.median('yipan', 'ratio'), 1.5, '×'),
  ],
  open,
};
export default workload;
