import { CO_EDITING_METRICS, coEditingPlan, coEditingSession, type CoEditing } from '../support/coEditing';
import { deploymentServices, startDeployment } from '../support/deployments';
import {
  DEPLOYMENT_KINDS,
  report,
  type DeploymentKind,
  type MeasurableWorkload,
  type MetricSpec,
  type WorkloadSession,
} from '../support/workload';
import { editingShape } from './w1-editing';

const US_PER_S = 1e6;
const PERCENT = 100;

/** Workload 1's figures, the CPU ones named for what they sum here. */
const RELABELLED: Record<string, string> = {
  cpuPerDeliveredUs: 'Yipan CPU per delivered update (all processes)',
  cpuSeconds: 'Yipan CPU in the window (all processes)',
  eldP99: 'event-loop delay p99 (worst process)',
  eldMax: 'event-loop delay max (worst process)',
  peakRssMiB: 'Yipan RSS at the end (all processes)',
};

/** The relay's cost, measured over the same window as the co-editing figures (3 processes only). */
const RELAY_METRICS: readonly MetricSpec[] = [
  {
    key: 'cpuWithRedisPerDeliveredUs',
    label: 'CPU per delivered update, Yipan processes + Redis server',
    unit: 'µs',
    decimals: 2,
  },
  { key: 'redisCpuSeconds', label: 'Redis server CPU in the window', unit: 's', decimals: 2 },
  { key: 'redisSharePct', label: 'Redis server CPU ÷ Yipan CPU', unit: '%', decimals: 1 },
  { key: 'redisPublishes', label: 'PUBLISH commands Redis processed', unit: '', decimals: 0 },
  { key: 'redisPublishCpuMs', label: 'Redis CPU inside PUBLISH commands', unit: 'ms', decimals: 1 },
  { key: 'redisNetOutKiB', label: 'bytes Redis sent to its clients', unit: 'KiB', decimals: 0 },
  { key: 'relayPublished', label: 'relay messages published (all processes)', unit: '', decimals: 0 },
  { key: 'relayReceived', label: 'relay messages received (all processes)', unit: '', decimals: 0 },
  {
    key: 'relayPublishFailures',
    label: 'relay messages not published (Redis unavailable)',
    unit: '',
    decimals: 0,
  },
  { key: 'relayRepairs', label: 'relay repairs (digests that differed)', unit: '', decimals: 0 },
  { key: 'relayLagMeanMs', label: 'relay lag, publish to arrival, mean', unit: 'ms', decimals: 2 },
  {
    key: 'relayLagP99Ms',
    label: 'relay lag p99 (its histogram bucket bound; 1,000 means ≥ 1 s)',
    unit: 'ms',
    decimals: 1,
  },
];

/** Adds the figures that combine the co-editing ones with the relay's (NaN where there is no Redis). */
function withRelayTotals(figures: Record<string, number>): Record<string, number> {
  const delivered = Math.max(1, figures.delivered ?? 0);
  const cpuSeconds = figures.cpuSeconds ?? Number.NaN;
  // One process uses no Redis: its total is its own CPU.
  const redisCpuSeconds = figures.redisCpuSeconds ?? 0;
  return {
    ...figures,
    cpuWithRedisPerDeliveredUs: ((cpuSeconds + redisCpuSeconds) / delivered) * US_PER_S,
    redisSharePct:
      figures.redisCpuSeconds === undefined ? Number.NaN : (PERCENT * redisCpuSeconds) / cpuSeconds,
  };
}

/**
 * Workload 10: workload 1 spread over three Yipan processes sharing PostgreSQL and Redis, against the
 * same load on one process on PostgreSQL, to show what relaying between processes costs.
 */
const workload: MeasurableWorkload<DeploymentKind> = {
  id: 10,
  title: 'Co-editing one plan across 3 processes (workload 1 with the Redis relay)',
  describe: (scale) => {
    const { clients, editors, editsPerSec, durationMs, drainMs } = editingShape(scale);
    return `Workload 1 (one plan, ${clients} clients, ${editors} of them typing ${editsPerSec} times a second for ${durationMs / 1000} s; every edit timed at every other client) with its clients spread round-robin over three Yipan processes sharing PostgreSQL and Redis, against the same load on one Yipan process on PostgreSQL without Redis. Each deployment gets a fresh PostgreSQL database; the three processes a Redis channel prefix of their own. Yipan CPU is the processes' user+system time from /proc over the editing window plus ${drainMs / 1000} s of drain, summed, divided by the updates delivered to clients; ratios are 3 processes ÷ 1, repetition by repetition. The relay's cost over the same window: the Redis server's own CPU and PUBLISH commands (its INFO, which counts every client of that Redis: the benchmark's alone in CI) and the processes' \`yipan_redis_relay_*\` counters from /metrics.`;
  },
  kinds: DEPLOYMENT_KINDS,
  metrics: [
    ...CO_EDITING_METRICS.map((metric) => ({ ...metric, label: RELABELLED[metric.key] ?? metric.label })),
    ...RELAY_METRICS,
  ],
  ratios: ['p50', 'p99', 'cpuPerDeliveredUs', 'cpuWithRedisPerDeliveredUs'],
  judge: (summary) => [
    report(
      'Yipan CPU per delivered update, 3 processes ÷ 1',
      summary.ratio('cpuPerDeliveredUs', 'yipan-postgres'),
      '×',
    ),
    report(
      'CPU per delivered update with the Redis server, 3 processes ÷ 1',
      summary.ratio('cpuWithRedisPerDeliveredUs', 'yipan-postgres'),
      '×',
    ),
    report('edit-to-receipt p99, 3 processes', summary.median('yipan-cluster', 'p99'), ' ms'),
    report('edit-to-receipt p99, 1 process on PostgreSQL', summary.median('yipan-postgres', 'p99'), ' ms'),
    report(
      'Redis server CPU ÷ Yipan CPU, 3 processes',
      summary.median('yipan-cluster', 'redisSharePct'),
      ' %',
    ),
  ],
  unavailable: () => {
    const services = deploymentServices();
    return typeof services === 'string' ? services : null;
  },
  open: async (context): Promise<WorkloadSession> => {
    const services = deploymentServices();
    if (typeof services === 'string') throw new Error(services);
    const shape: CoEditing = editingShape(context.scale);
    const session = coEditingSession(await startDeployment(context, services, [coEditingPlan(shape)]), shape);
    return { rep: async (index) => withRelayTotals(await session.rep(index)), close: () => session.close() };
  },
};
export default workload;
