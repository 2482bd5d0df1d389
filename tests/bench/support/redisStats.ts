import { createConnection } from 'node:net';

/** How long an INFO request may take on a busy machine. */
const INFO_TIMEOUT_MS = 10_000;
const DEFAULT_REDIS_PORT = 6379;
const US_PER_S = 1e6;
/** The commands Yipan's relay and the socket.io adapter publish with (sharded pub/sub included). */
const PUBLISH_COMMANDS = ['publish', 'spublish'];

/** Encodes a command in RESP, as Redis reads it. */
function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/** The complete replies at the start of `data`: simple strings, errors and bulk strings (all INFO and AUTH answer with). */
function parseReplies(data: Buffer): (string | Error)[] {
  const replies: (string | Error)[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return replies;
    const line = data.subarray(offset + 1, lineEnd).toString('utf8');
    const type = String.fromCharCode(data[offset] ?? 0);
    if (type === '+') replies.push(line);
    else if (type === '-') replies.push(new Error(`Redis refused: ${line}`));
    else if (type === '$') {
      const length = Number(line);
      if (data.length < lineEnd + 2 + length + 2) return replies;
      replies.push(data.subarray(lineEnd + 2, lineEnd + 2 + length).toString('utf8'));
      offset = lineEnd + 2 + length + 2;
      continue;
    } else replies.push(new Error(`unexpected Redis reply: ${line}`));
    offset = lineEnd + 2;
  }
}

/**
 * Sends `INFO <section>` to the Redis server of `url` and parses its `key:value` lines. Written out
 * over a plain socket (one request, one bulk reply) so the benchmark needs no Redis client package;
 * `rediss://` is not supported.
 */
export async function redisInfo(url: string, section: string): Promise<Map<string, string>> {
  const { hostname, port, username, password, protocol } = new URL(url);
  if (protocol !== 'redis:')
    throw new Error(`the benchmark reads Redis INFO over redis:// only, not ${protocol}`);
  const requests = [
    ...(password
      ? [command('AUTH', ...(username ? [decodeURIComponent(username)] : []), decodeURIComponent(password))]
      : []),
    command('INFO', section),
  ];
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port || DEFAULT_REDIS_PORT) });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error('Redis did not answer INFO')), INFO_TIMEOUT_MS);
    socket.on('connect', () => socket.write(requests.join('')));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const replies = parseReplies(received);
      const failed = replies.find((reply) => reply instanceof Error);
      if (failed) socket.destroy(failed);
      else if (replies.length === requests.length) {
        clearTimeout(timer);
        socket.end();
        resolve(String(replies.at(-1)));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const fields = new Map<string, string>();
  for (const line of reply.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** What the Redis server did since it started, as it reports it. */
export type RedisCounters = {
  /** User+system CPU seconds of the redis-server process (its getrusage, as INFO cpu reports it). */
  cpuSeconds: number;
  /** PUBLISH commands it processed, and the CPU seconds it spent in them. */
  publishCalls: number;
  publishCpuSeconds: number;
  /** Bytes it received from and sent to all its clients. */
  netInputBytes: number;
  netOutputBytes: number;
};

/**
 * Reads the Redis server's counters. They cover every client of that server: with the benchmark
 * alone on it (as in CI, where the suite runs after the tests) that is the relay of the processes
 * under test; on a shared development machine other tests' traffic counts too.
 */
export async function redisCounters(url: string): Promise<RedisCounters> {
  const [cpu, stats, commands] = await Promise.all([
    redisInfo(url, 'cpu'),
    redisInfo(url, 'stats'),
    redisInfo(url, 'commandstats'),
  ]);
  let publishCalls = 0;
  let publishUs = 0;
  for (const name of PUBLISH_COMMANDS) {
    // `cmdstat_publish:calls=12,usec=34,usec_per_call=2.83,...`
    const fields = new Map(
      (commands.get(`cmdstat_${name}`) ?? '').split(',').map((pair) => pair.split('=') as [string, string]),
    );
    publishCalls += Number(fields.get('calls') ?? 0);
    publishUs += Number(fields.get('usec') ?? 0);
  }
  return {
    cpuSeconds: Number(cpu.get('used_cpu_user') ?? 0) + Number(cpu.get('used_cpu_sys') ?? 0),
    publishCalls,
    publishCpuSeconds: publishUs / US_PER_S,
    netInputBytes: Number(stats.get('total_net_input_bytes') ?? 0),
    netOutputBytes: Number(stats.get('total_net_output_bytes') ?? 0),
  };
}

/**
 * Scrapes a Yipan process' `/metrics` (loopback needs no token): the samples of every metric whose
 * name starts with `prefix`, by series (`name` or `name{labels}` as printed).
 */
export async function scrapeMetrics(httpUrl: string, prefix: string): Promise<Map<string, number>> {
  const response = await fetch(`${httpUrl}/metrics`);
  if (!response.ok) throw new Error(`GET ${httpUrl}/metrics answered ${response.status}`);
  const series = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const space = line.lastIndexOf(' ');
    const value = Number(line.slice(space + 1));
    if (space > 0 && Number.isFinite(value)) series.set(line.slice(0, space), value);
  }
  return series;
}

/**
 * The `quantile` of a Prometheus histogram from the difference of two scrapes of its cumulative
 * `<name>_bucket{le="…"}` series: the upper bound of the first bucket holding it (NaN when empty; the
 * last finite bound when it lies beyond it).
 */
export function histogramQuantile(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  name: string,
  quantile: number,
): number {
  const buckets: { le: number; count: number }[] = [];
  for (const [key, value] of after) {
    const match = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\}$`).exec(key);
    // Prometheus writes the last bound `+Inf`, which Number() does not read.
    const le = match?.[1] === '+Inf' ? Infinity : Number(match?.[1]);
    if (match?.[1]) buckets.push({ le, count: value - (before.get(key) ?? 0) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total <= 0) return Number.NaN;
  const bound = buckets.find((bucket) => bucket.count >= quantile * total)?.le ?? Number.NaN;
  // As Prometheus' histogram_quantile: beyond the last bucket, the last finite bound.
  return bound === Infinity
    ? (buckets.filter((bucket) => bucket.le !== Infinity).at(-1)?.le ?? bound)
    : bound;
}
