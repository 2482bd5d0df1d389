import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryDatabase } from '../../support/temporaryDatabase';
import type { CoEditingServers } from './coEditing';
import { histogramQuantile, redisCounters, scrapeMetrics } from './redisStats';
import { seedYipanDatabase, startServer, type PlanSeed, type ServerHandle } from './servers';
import type { DeploymentKind, WorkloadContext } from './workload';

/** Processes of each deployment: the three of the issue, and the one process they are compared with. */
const PROCESSES: Record<DeploymentKind, number> = { 'yipan-cluster': 3, 'yipan-postgres': 1 };
/** Yipan's own metrics of the Redis relay (issue 9's "Redis relay lag" and counts), summed over the processes. */
const RELAY_METRIC_PREFIX = 'yipan_redis_relay_';
const MS_PER_S = 1000;
const P99 = 0.99;

/** Where the services of the deployments are; both must be set, or workload 10 cannot run. */
export type DeploymentServices = { databaseUrl: string; redisUrl: string };

/** The services from the environment (DATABASE_URL, REDIS_URL), or why workload 10 cannot run here. */
export function deploymentServices(env: NodeJS.ProcessEnv = process.env): DeploymentServices | string {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = env;
  if (!databaseUrl || !redisUrl) return 'needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL)';
  return { databaseUrl, redisUrl };
}

/**
 * Starts one of workload 10's deployments on a fresh PostgreSQL database seeded with `plans`: one Yipan
 * process, or three sharing Redis under a channel prefix of this run's own (other runs and tests may
 * use the same Redis). The first process starts alone and seeds the demo accounts, then the others
 * together, as tests/support/cluster.ts does; that module's cluster is not used here because the
 * benchmark's processes run with its probe preload and are sampled by pid (`startServer`). Its window
 * reports the relay's cost: the Redis server's CPU and PUBLISH commands, and the processes'
 * `yipan_redis_relay_*` counters.
 */
export async function startDeployment(
  context: WorkloadContext<DeploymentKind>,
  services: DeploymentServices,
  plans: readonly PlanSeed[],
): Promise<CoEditingServers> {
  const database = await temporaryDatabase('postgres');
  if (database.config.dialect !== 'postgres') throw new Error('expected a PostgreSQL database');
  const servers: ServerHandle[] = [];
  const clustered = PROCESSES[context.kind] > 1;
  const env: Record<string, string> = {
    DATABASE_URL: database.config.url,
    ...(clustered
      ? { REDIS_URL: services.redisUrl, REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}` }
      : {}),
  };
  const close = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  };
  try {
    await seedYipanDatabase(database.config, plans);
    const start = async (index: number): Promise<void> => {
      const dataDir = join(context.dataDir, `process-${index}`);
      mkdirSync(dataDir, { recursive: true });
      servers.push(await startServer('yipan', dataDir, context.yipanNodeArgs, env));
    };
    await start(0);
    await Promise.all(Array.from({ length: PROCESSES[context.kind] - 1 }, (_, index) => start(index + 1)));
    context.log(
      `${servers.length === 1 ? 'one process' : `${servers.length} processes`} on ${database.config.url.replace(/\/\/[^@]*@/, '//')}`,
    );
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { servers, close, window: clustered ? () => relayWindow(servers, services.redisUrl) : undefined };
}

/** Sums the relay series of every process. */
async function relayCounters(servers: readonly ServerHandle[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const server of servers) {
    if (!server.httpUrl) continue;
    for (const [name, value] of await scrapeMetrics(server.httpUrl, RELAY_METRIC_PREFIX))
      sums.set(name, (sums.get(name) ?? 0) + value);
  }
  return sums;
}

/** Reads the Redis server and the relay counters at the start of the window; the returned function reads the difference. */
async function relayWindow(
  servers: readonly ServerHandle[],
  redisUrl: string,
): Promise<() => Promise<Record<string, number>>> {
  const [redisBefore, relayBefore] = await Promise.all([redisCounters(redisUrl), relayCounters(servers)]);
  return async () => {
    const [redisAfter, relayAfter] = await Promise.all([redisCounters(redisUrl), relayCounters(servers)]);
    // A counter the processes do not expose (yet) is not measured, rather than zero.
    const relay = (name: string): number => {
      const series = RELAY_METRIC_PREFIX + name;
      const after = relayAfter.get(series);
      return after === undefined ? Number.NaN : after - (relayBefore.get(series) ?? 0);
    };
    return {
      redisCpuSeconds: redisAfter.cpuSeconds - redisBefore.cpuSeconds,
      redisPublishes: redisAfter.publishCalls - redisBefore.publishCalls,
      redisPublishCpuMs: (redisAfter.publishCpuSeconds - redisBefore.publishCpuSeconds) * MS_PER_S,
      redisNetOutKiB: (redisAfter.netOutputBytes - redisBefore.netOutputBytes) / 1024,
      relayPublished: relay('published_total'),
      relayReceived: relay('received_total'),
      relayPublishFailures: relay('publish_failures_total'),
      relayRepairs: relay('repairs_total'),
      relayLagMeanMs: (relay('lag_seconds_sum') / relay('lag_seconds_count')) * MS_PER_S,
      relayLagP99Ms:
        histogramQuantile(relayBefore, relayAfter, `${RELAY_METRIC_PREFIX}lag_seconds`, P99) * MS_PER_S,
    };
  };
}
