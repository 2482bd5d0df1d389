import { sleep } from '../../support/waitFor';
import { ClientPool, evenPhases } from './clientPool';
import { clientSpecs } from './clientSpecs';
import { percentile } from './histogram';
import { nowMs, planState } from './planContent';
import { busyPercent, cpuSecondsOf, sampleMachine } from './procStats';
import { launch, type PlanSeed, type ServerHandle } from './servers';
import { sized, type MetricSpec, type Scale, type WorkloadContext, type WorkloadSession } from './workload';

/** Load-generating processes: one process cannot apply tens of thousands of received updates a second. */
const WORKERS = 2;
/** Lead time so every worker has the schedule before the first edit is due. */
const START_LEAD_MS = 500;
/** Time for the server to free the plan after everyone left (Yipan keeps it 1 s), before the next repetition. */
const LEAVE_MS = 1_500;
/** Characters of notes per topic of the seeded plan. */
const NOTES_CHARS = 40;
const US_PER_S = 1e6;

/** The shape of a co-editing workload: how many clients, how many of them type, how fast, how long. */
export type CoEditing = {
  planId: string;
  clients: number;
  editors: number;
  editsPerSec: number;
  durationMs: number;
  /** Wait after connecting, for the first awareness exchange to die down. */
  settleMs: number;
  /** Wait after the last edit, for deliveries in flight. */
  drainMs: number;
  seed: number;
};

/**
 * A co-editing workload at full size. `editors: 'all'` makes every client type; `quickWaitShare` is
 * the share of the settle and drain waits a quick run keeps (fewer clients settle sooner).
 */
export type CoEditingLoad = Omit<CoEditing, 'editors'> & { editors: number | 'all'; quickWaitShare: number };

/** Scales a load to a run: client, editor and duration figures by `sized`, the waits by the quick share. */
export function sizedCoEditing(scale: Scale, load: CoEditingLoad): CoEditing {
  const wait = scale.quick ? load.quickWaitShare : 1;
  const clients = sized(scale, load.clients);
  return {
    planId: load.planId,
    clients,
    editors: load.editors === 'all' ? clients : sized(scale, load.editors),
    editsPerSec: load.editsPerSec,
    durationMs: sized(scale, load.durationMs),
    settleMs: load.settleMs * wait,
    drainMs: load.drainMs * wait,
    seed: load.seed,
  };
}

/** Figures every co-editing workload reports, by key. */
export const CO_EDITING_METRICS: readonly MetricSpec[] = [
  { key: 'p50', label: 'edit-to-receipt p50', unit: 'ms', decimals: 1 },
  { key: 'p99', label: 'edit-to-receipt p99', unit: 'ms', decimals: 1 },
  { key: 'max', label: 'edit-to-receipt max', unit: 'ms', decimals: 0 },
  { key: 'cpuPerDeliveredUs', label: 'server CPU per delivered update', unit: 'µs', decimals: 2 },
  { key: 'cpuSeconds', label: 'server CPU in the window', unit: 's', decimals: 2 },
  { key: 'delivered', label: 'updates delivered', unit: '', decimals: 0 },
  { key: 'deliveredShare', label: 'delivered / expected', unit: '', decimals: 3 },
  { key: 'eldP99', label: 'server event-loop delay p99', unit: 'ms', decimals: 1 },
  { key: 'eldMax', label: 'server event-loop delay max', unit: 'ms', decimals: 0 },
  { key: 'peakRssMiB', label: 'server RSS at the end', unit: 'MiB', decimals: 0 },
  {
    key: 'clientCpuSeconds',
    label: 'load generator CPU in the window (2 processes)',
    unit: 's',
    decimals: 1,
  },
  {
    key: 'machineBusyPct',
    label: 'machine CPU busy in the window (all cores, all processes)',
    unit: '%',
    decimals: 0,
  },
  { key: 'failed', label: 'clients that failed to sync', unit: '', decimals: 0 },
  { key: 'disconnects', label: 'client disconnects', unit: '', decimals: 0 },
];

/** The server processes a co-editing session runs against, and what it measures besides them. */
export type CoEditingServers = {
  /** One deployment's processes: clients are spread over them round-robin, their CPU and memory summed. */
  servers: readonly ServerHandle[];
  /**
   * Starts measuring figures of the deployment's own (workload 10's Redis relay) at the start of the
   * editing window; the function it returns ends the window, with the server CPU, and gives them.
   */
  window?: () => Promise<() => Promise<Record<string, number>>>;
  close(): Promise<void>;
};

/** The plan a co-editing workload edits: one topic per editor, with some notes. */
export function coEditingPlan(shape: CoEditing): PlanSeed {
  return { planId: shape.planId, updates: [planState(shape.editors, NOTES_CHARS, shape.seed)] };
}

/** A co-editing workload against one server process of `context.kind`. */
export async function openCoEditing(context: WorkloadContext, shape: CoEditing): Promise<WorkloadSession> {
  const server = await launch(context, [coEditingPlan(shape)]);
  return coEditingSession({ servers: [server], close: () => server.stop() }, shape);
}

/** User+system CPU seconds of every process of a deployment, summed. */
function deploymentCpuSeconds(servers: readonly ServerHandle[]): number {
  return servers.reduce((sum, server) => sum + server.sample().cpuSeconds, 0);
}

/**
 * One plan (one topic per editor), `clients` real providers in worker processes, `editors` of them
 * typing on a fixed schedule; every edit is timed at every other client. Server CPU is the processes'
 * user+system time over the editing window and the drain, summed, divided by updates delivered; RSS
 * is summed over the processes and event-loop delay is the worst process'.
 */
export function coEditingSession(deployment: CoEditingServers, shape: CoEditing): WorkloadSession {
  const { servers } = deployment;
  const pool = ClientPool.start(WORKERS);
  const phases = evenPhases(shape.editors, shape.editsPerSec);
  return {
    rep: async (index) => {
      const specs = await clientSpecs(servers, shape.planId, shape.clients, `r${index}c`);
      const opened = await pool.open(specs);
      await sleep(shape.settleMs);
      const editors = specs.slice(0, shape.editors).map((spec, editor) => ({
        key: spec.key,
        topicId: `t${editor}`,
        phaseMs: phases[editor] ?? 0,
      }));
      // Its own readings (scraping /metrics) come first, so they cost the servers nothing in the window.
      const endWindow = await deployment.window?.();
      const cpuBefore = deploymentCpuSeconds(servers);
      const machineBefore = sampleMachine();
      const clientCpuBefore = cpuSecondsOf(pool.pids());
      await Promise.all(servers.map((server) => server.probe('reset')));
      await pool.measure(true);
      const { sent } = await pool.edit({
        editors,
        startAtMs: nowMs() + START_LEAD_MS,
        durationMs: shape.durationMs,
        ratePerSec: shape.editsPerSec,
      });
      await sleep(shape.drainMs);
      const cpuSeconds = deploymentCpuSeconds(servers) - cpuBefore;
      const machineAfter = sampleMachine();
      const clientCpuSeconds = cpuSecondsOf(pool.pids()) - clientCpuBefore;
      const own = (await endWindow?.()) ?? {};
      const rssBytes = servers.reduce((sum, server) => sum + server.sample().rssBytes, 0);
      const loopDelays = (await Promise.all(servers.map((server) => server.probe('read')))).map(
        (reply) => reply.loopDelay,
      );
      const { latency, received, disconnects } = await pool.collect();
      await pool.measure(false);
      await pool.closeClients();
      await sleep(LEAVE_MS);
      return {
        p50: percentile(latency, 50),
        p99: percentile(latency, 99),
        max: latency.maxMs,
        cpuPerDeliveredUs: (cpuSeconds / Math.max(1, received)) * US_PER_S,
        cpuSeconds,
        delivered: received,
        deliveredShare: received / Math.max(1, sent * (shape.clients - 1)),
        eldP99: Math.max(...loopDelays.map((delay) => delay.p99)),
        eldMax: Math.max(...loopDelays.map((delay) => delay.max)),
        peakRssMiB: rssBytes / 2 ** 20,
        clientCpuSeconds,
        machineBusyPct: busyPercent(machineBefore, machineAfter),
        failed: opened.failed,
        disconnects,
        ...own,
      };
    },
    close: async () => {
      await pool.stop();
      await deployment.close();
    },
  };
}
