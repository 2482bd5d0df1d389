import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import { summarizeProfiles } from './support/cpuProfile';
import { describeMachine, machineLoad } from './support/machine';
import {
  renderReport,
  summarize,
  type Repetitions,
  type RunResult,
  type WorkloadResult,
} from './support/report';
import {
  isMeasurable,
  ProductFailure,
  type MeasurableWorkload,
  type SetupKind,
  type TargetResult,
  type Workload,
  type WorkloadSession,
} from './support/workload';

/**
 * `pnpm bench [--quick] [--only 1,3] [--servers yipan,reference] [--reps N] [--out FILE] [--profile] [--keep]`:
 * runs every workload in `workloads/` against Yipan and its peers and writes BENCHMARKS.md (quick
 * runs write tests/bench/out/BENCHMARKS.quick.md). `--profile` runs Yipan under `node --cpu-prof`
 * and adds the functions with the most self time to each workload's figures. `--render FILE` writes
 * the report again from a run's saved results (tests/bench/out/results-BENCHMARKS.json), with the current
 * targets and ANALYSIS.md, without measuring anything.
 */

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '../..');
const OUT_DIR = join(BENCH_DIR, 'out');
/** The issue asks for at least three repetitions per figure. */
const DEFAULT_REPS = 3;
/** Quick runs check that the suite works (CI) and must stay within about three minutes: one repetition. */
const QUICK_REPS = 1;
/** Workload files: `w<id>-<name>.ts`, each default-exporting a Workload. */
const WORKLOAD_FILE = /^w\d+-[\w-]+\.ts$/;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    reps: { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    servers: { type: 'string' },
    render: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});

const USAGE = `pnpm bench [options]   (or: npx tsx tests/bench/run.ts [options])

  --quick            every workload at a tenth of its size, 1 repetition (CI runs this)
  --only 1,3         only these workloads
  --servers yipan,reference,hocuspocus
                     only these servers (default: all three)
  --reps N           repetitions per figure (default ${DEFAULT_REPS}; quick: ${QUICK_REPS})
  --out FILE         where to write the report (default BENCHMARKS.md; quick: tests/bench/out/BENCHMARKS.quick.md)
  --profile          run Yipan under node --cpu-prof and add its hottest functions to the report
  --keep             keep the scratch folder (servers' data) after the run
  --render FILE      write the report again from a run's saved results, measuring nothing
  -h, --help         this text

Workload 10 needs DATABASE_URL and REDIS_URL; with CI=true a missing service fails the run.
`;

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function isWorkload(value: unknown): value is Workload {
  return typeof value === 'object' && value !== null && 'id' in value && 'title' in value;
}

async function loadWorkloads(): Promise<Workload[]> {
  const dir = join(BENCH_DIR, 'workloads');
  const workloads: Workload[] = [];
  for (const file of readdirSync(dir).filter((name) => WORKLOAD_FILE.test(name))) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    if (!isWorkload(module.default)) throw new Error(`${file} does not default-export a workload`);
    workloads.push(module.default);
  }
  return workloads.sort((a, b) => a.id - b.id);
}

function rotate<T>(items: readonly T[], by: number): T[] {
  return items.map((_, index) => items[(index + by) % items.length] as T);
}

/** CI=true (or any value but empty, 0 and false), as CI services set it: a missing service then fails. */
function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && !['', '0', 'false'].includes(ci);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function measure(
  workload: MeasurableWorkload<SetupKind>,
  options: { quick: boolean; reps: number; scratch: string; profile: boolean; servers: Set<string> | null },
): Promise<WorkloadResult> {
  const scale = { quick: options.quick };
  const description = workload.describe(scale);
  const missing = workload.unavailable?.() ?? null;
  if (missing !== null) {
    log(`w${workload.id} skipped: ${missing}`);
    if (!inCi()) return { status: 'skipped', workload, description, reason: missing };
    const error = `${missing} (required when CI=true)`;
    return { status: 'failed', workload, description, error, product: false };
  }
  const started = performance.now();
  const profileDir = join(OUT_DIR, 'profiles', `w${workload.id}`);
  if (options.profile) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const sessions = new Map<SetupKind, WorkloadSession>();
  const reps: Repetitions = {};
  try {
    for (const kind of workload.kinds) {
      if (options.servers && !options.servers.has(kind)) continue;
      log(`w${workload.id} ${kind}: preparing`);
      const dataDir = join(options.scratch, `w${workload.id}-${kind}`);
      mkdirSync(dataDir, { recursive: true });
      sessions.set(
        kind,
        await workload.open({
          kind,
          scale,
          dataDir,
          reps: options.reps,
          yipanNodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
          log: (message) => log(`w${workload.id} ${kind}: ${message}`),
        }),
      );
    }
    for (let rep = 0; rep < options.reps; rep += 1) {
      for (const kind of rotate(workload.kinds, rep)) {
        const session = sessions.get(kind);
        if (!session) continue;
        log(`w${workload.id} ${kind}: repetition ${rep + 1}/${options.reps}`);
        const figures = await session.rep(rep);
        (reps[kind] ??= []).push(figures);
        log(
          `w${workload.id} ${kind}: ${JSON.stringify(figures, (_key, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(4)) : value))}`,
        );
      }
    }
  } catch (error) {
    log(`w${workload.id} failed: ${errorText(error)}`);
    await closeAll(sessions);
    return {
      status: 'failed',
      workload,
      description,
      error: errorText(error),
      product: error instanceof ProductFailure,
    };
  }
  await closeAll(sessions);
  const notes =
    options.profile && existsSync(profileDir)
      ? summarizeProfiles(
          profileDir,
          ROOT,
          "Yipan's CPU profile over the server's whole life in this workload",
        )
      : [];
  return {
    status: 'measured',
    workload,
    description,
    reps,
    targets: judge(workload, reps),
    seconds: (performance.now() - started) / 1000,
    notes,
  };
}

/** A workload's targets judged on its repetitions, ratios taken against its first kind. */
function judge(workload: MeasurableWorkload<SetupKind>, reps: Repetitions): TargetResult[] {
  return workload.judge(summarize(reps, workload.kinds[0] ?? 'yipan'));
}

async function closeAll(sessions: Map<SetupKind, WorkloadSession>): Promise<void> {
  for (const [kind, session] of sessions)
    await session.close().catch((error: unknown) => log(`closing ${kind} failed: ${errorText(error)}`));
  sessions.clear();
}

/** One workload's outcome as saved in results-*.json: the workload object lost its functions. */
type SavedResult =
  | { status: 'pending'; workload: { id: number } }
  | {
      status: 'measured';
      workload: { id: number };
      description: string;
      reps: Repetitions;
      seconds: number;
      notes: string[];
    }
  | { status: 'failed'; workload: { id: number }; description: string; error: string; product: boolean }
  | { status: 'skipped'; workload: { id: number }; description: string; reason: string };

/** A run as saved in results-*.json. */
type SavedRun = Omit<RunResult, 'startedAt' | 'finishedAt' | 'workloads'> & {
  startedAt: string;
  finishedAt: string;
  workloads: SavedResult[];
};

function readAnalysis(): string {
  const file = join(BENCH_DIR, 'ANALYSIS.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Re-renders a saved run with the current workloads' targets and ANALYSIS.md. */
async function render(file: string): Promise<number> {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedRun;
  const workloads = new Map((await loadWorkloads()).map((workload) => [workload.id, workload]));
  const results: WorkloadResult[] = saved.workloads.flatMap((result): WorkloadResult[] => {
    const workload = workloads.get(result.workload.id);
    if (!workload) return [];
    if (!isMeasurable(workload)) return [{ status: 'pending', workload }];
    if (result.status === 'measured') {
      const { reps, description, seconds, notes } = result;
      return [
        {
          status: 'measured',
          workload,
          description,
          reps,
          seconds,
          notes,
          targets: judge(workload, reps),
        },
      ];
    }
    if (result.status === 'skipped')
      return [{ status: 'skipped', workload, description: result.description, reason: result.reason }];
    if (result.status === 'failed')
      return [
        {
          status: 'failed',
          workload,
          description: result.description,
          error: result.error,
          product: result.product,
        },
      ];
    return [];
  });
  const run: RunResult = {
    ...saved,
    startedAt: new Date(saved.startedAt),
    finishedAt: new Date(saved.finishedAt),
    workloads: results,
    analysis: saved.mode === 'full' ? readAnalysis() : '',
  };
  const out =
    args.out ?? (saved.mode === 'quick' ? join(OUT_DIR, 'BENCHMARKS.quick.md') : join(ROOT, 'BENCHMARKS.md'));
  writeFileSync(out, await format(renderReport(run), { parser: 'markdown' }));
  log(`rendered ${file} into ${out}`);
  return 0;
}

async function main(): Promise<number> {
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.render) return render(args.render);
  const quick = args.quick ?? false;
  const reps = Math.max(1, Number(args.reps ?? (quick ? QUICK_REPS : DEFAULT_REPS)));
  const only = args.only ? new Set(args.only.split(',').map((id) => Number(id.trim()))) : null;
  const servers = args.servers ? new Set(args.servers.split(',').map((kind) => kind.trim())) : null;
  const scratch = mkdtempSync(join(tmpdir(), 'yipan-bench-'));
  const startedAt = new Date();
  const loadBefore = machineLoad();
  log(`${quick ? 'quick' : 'full'} run, ${reps} repetitions, scratch ${scratch}; ${loadBefore}`);
  const results: WorkloadResult[] = [];
  try {
    for (const workload of await loadWorkloads()) {
      if (only && !only.has(workload.id)) continue;
      if (!isMeasurable(workload)) {
        results.push({ status: 'pending', workload });
        continue;
      }
      results.push(
        await measure(workload, { quick, reps, scratch, profile: args.profile ?? false, servers }),
      );
    }
  } finally {
    if (!args.keep) rmSync(scratch, { recursive: true, force: true });
  }
  const run: RunResult = {
    mode: quick ? 'quick' : 'full',
    command: `pnpm bench${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    startedAt,
    finishedAt: new Date(),
    machine: describeMachine(),
    loadBefore,
    loadAfter: machineLoad(),
    repetitions: reps,
    workloads: results,
    analysis: quick ? '' : readAnalysis(),
  };
  const out = args.out ?? (quick ? join(OUT_DIR, 'BENCHMARKS.quick.md') : join(ROOT, 'BENCHMARKS.md'));
  mkdirSync(dirname(out), { recursive: true });
  // Formatted as `pnpm lint` expects, since the quick report and the results sit in the source tree.
  writeFileSync(out, await format(renderReport(run), { parser: 'markdown' }));
  mkdirSync(OUT_DIR, { recursive: true });
  // Saved beside the other outputs, named after the report, for `--render`.
  writeFileSync(
    join(OUT_DIR, `results-${basename(out, '.md')}.json`),
    await format(JSON.stringify(run), { parser: 'json' }),
  );
  log(`wrote ${out}; ${run.loadAfter}`);
  process.stdout.write(renderReport({ ...run, analysis: '' }));
  const broken = results.filter((result) => result.status === 'failed' && !result.product);
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`the suite broke: ${errorText(error)}`);
    process.exit(1);
  },
);
