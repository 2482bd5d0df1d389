import { median } from './histogram';
import type { Machine } from './machine';
import type {
  MeasurableWorkload,
  MetricSpec,
  PendingWorkload,
  SetupKind,
  Summary,
  TargetResult,
} from './workload';

/** Figures of one server: one record per repetition. */
export type Repetitions = Partial<Record<SetupKind, Record<string, number>[]>>;

/** The outcome of one workload in a run. */
export type WorkloadResult =
  | { status: 'pending'; workload: PendingWorkload }
  | {
      status: 'measured';
      workload: MeasurableWorkload<SetupKind>;
      description: string;
      reps: Repetitions;
      targets: TargetResult[];
      seconds: number;
      notes: string[];
    }
  | {
      status: 'failed';
      workload: MeasurableWorkload<SetupKind>;
      description: string;
      error: string;
      product: boolean;
    }
  /** Not run because a service it needs is not configured here (outside CI only). */
  | { status: 'skipped'; workload: MeasurableWorkload<SetupKind>; description: string; reason: string };

/** Everything a run produced. */
export type RunResult = {
  mode: 'full' | 'quick';
  command: string;
  startedAt: Date;
  finishedAt: Date;
  machine: Machine;
  loadBefore: string;
  loadAfter: string;
  repetitions: number;
  workloads: WorkloadResult[];
  /** Hand-written analysis appended verbatim (tests/bench/ANALYSIS.md). */
  analysis: string;
};

const NAMES: Record<SetupKind, string> = {
  yipan: 'Yipan',
  reference: 'reference (@y/websocket-server 0.1.1)',
  hocuspocus: 'Hocuspocus 4 + SQLite',
  'yipan-cluster': 'Yipan, 3 processes, PostgreSQL + Redis',
  'yipan-postgres': 'Yipan, 1 process, PostgreSQL',
};

/** Median, min and max of one metric of one server over its repetitions. */
function spread(values: readonly number[]): { median: number; min: number; max: number } {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}

function format(value: number, decimals: number): string {
  if (Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function cell(values: readonly number[] | undefined, metric: Pick<MetricSpec, 'decimals' | 'unit'>): string {
  if (!values || values.length === 0) return '–';
  const { median: mid, min, max } = spread(values);
  if (Number.isNaN(mid)) return '–';
  const unit = metric.unit ? ` ${metric.unit}` : '';
  return `**${format(mid, metric.decimals)}**${unit} (${format(min, metric.decimals)} – ${format(max, metric.decimals)})`;
}

/** The subject's figure (Yipan's) divided by a peer's, repetition by repetition. */
export function ratios(reps: Repetitions, key: string, subject: SetupKind, peer: SetupKind): number[] {
  const ours = reps[subject] ?? [];
  const theirs = reps[peer] ?? [];
  return ours.flatMap((figures, index) => {
    const other = theirs[index]?.[key];
    const mine = figures[key];
    return mine === undefined || other === undefined || other === 0 ? [] : [mine / other];
  });
}

/** The medians a workload's targets are judged on; ratios divide `subject`'s figures by a peer's. */
export function summarize(reps: Repetitions, subject: SetupKind): Summary {
  return {
    median: (kind, key) => spread((reps[kind] ?? []).map((figures) => figures[key] ?? Number.NaN)).median,
    max: (kind, key) => spread((reps[kind] ?? []).map((figures) => figures[key] ?? Number.NaN)).max,
    ratio: (key, peer) => spread(ratios(reps, key, subject, peer)).median,
  };
}

function metricTable(result: Extract<WorkloadResult, { status: 'measured' }>): string[] {
  const kinds = result.workload.kinds;
  const lines = [
    `| figure | ${kinds.map((kind) => NAMES[kind]).join(' | ')} |`,
    `|---|${kinds.map(() => '---').join('|')}|`,
  ];
  for (const metric of result.workload.metrics) {
    const cells = kinds.map((kind) =>
      cell(
        result.reps[kind]?.map((figures) => figures[metric.key] ?? Number.NaN),
        metric,
      ),
    );
    lines.push(`| ${metric.label} | ${cells.join(' | ')} |`);
  }
  const [subject, ...peers] = kinds;
  if (result.workload.ratios.length > 0 && subject !== undefined && peers.length > 0) {
    lines.push(
      '',
      `| ${NAMES[subject]} ÷ peer, repetition by repetition | ${peers.map((peer) => `÷ ${NAMES[peer]}`).join(' | ')} |`,
    );
    lines.push(`|---|${peers.map(() => '---').join('|')}|`);
    for (const key of result.workload.ratios) {
      const metric = result.workload.metrics.find((candidate) => candidate.key === key);
      const cells = peers.map((peer) =>
        cell(ratios(result.reps, key, subject, peer), { decimals: 2, unit: '×' }),
      );
      lines.push(`| ${metric?.label ?? key} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

function verdict(met: boolean | null): string {
  if (met === null) return 'reported';
  return met ? '✅ met' : '❌ missed';
}

/** Renders a run as Markdown: machine and load, targets, figures per workload, what is not measurable, analysis. */
export function renderReport(run: RunResult): string {
  const { machine } = run;
  const lines: string[] = [
    '# Yipan benchmarks',
    '',
    `Written by \`${run.command}\` (${run.mode} size, ${run.repetitions} repetitions per figure) on ${run.startedAt.toISOString()}, in ${Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)} s. Regenerate it rather than editing it; the analysis at the end comes from \`tests/bench/ANALYSIS.md\`.`,
    '',
    'Each server runs as its own process on loopback, started by the benchmark; clients are real `y-websocket` providers (Hocuspocus: its own provider) in separate worker processes. Server CPU and memory are read from `/proc/<pid>` of the server process. Every figure is the **median** of the repetitions, with (min – max); latency figures are percentiles within each repetition. Ratios are Yipan ÷ peer, computed repetition by repetition within this run; repetitions interleave the servers.',
    '',
    '## Machine',
    '',
    '| CPU | cores | memory | Node | OS |',
    '|---|---|---|---|---|',
    `| ${machine.cpuModel} | ${machine.cores} | ${machine.memoryGiB.toFixed(1)} GiB | ${machine.node} | ${machine.os} |`,
    '',
    `Load when the run started: \`${run.loadBefore}\`; when it ended: \`${run.loadAfter}\`. The machine was shared with other work during the run, and the load generator shares its cores with the server under test.`,
    '',
    '## Targets',
    '',
    '| # | target | value (median) | verdict |',
    '|---|---|---|---|',
  ];
  for (const result of run.workloads) {
    if (result.status === 'measured')
      for (const target of result.targets)
        lines.push(
          `| ${result.workload.id} | ${target.target} | ${target.value} | ${run.mode === 'quick' ? 'not judged (quick size)' : verdict(target.met)} |`,
        );
    else if (result.status === 'skipped')
      lines.push(
        `| ${result.workload.id} | ${result.workload.title} | skipped: ${result.reason} | not run |`,
      );
    else if (result.status === 'failed')
      lines.push(
        `| ${result.workload.id} | ${result.workload.title} | failed: ${result.error.split('\n')[0] ?? ''} | ❌ ${result.product ? 'product failure' : 'suite failure'} |`,
      );
    else
      lines.push(
        `| ${result.workload.id} | ${result.workload.target} | ${result.workload.pending} | not yet measurable |`,
      );
  }
  lines.push('', '## Figures');
  for (const result of run.workloads) {
    if (result.status === 'pending') continue;
    lines.push('', `### ${result.workload.id}. ${result.workload.title}`, '', result.description, '');
    if (result.status === 'failed') {
      lines.push('```', result.error.slice(0, 2_000), '```');
      continue;
    }
    if (result.status === 'skipped') {
      lines.push(`Skipped: ${result.reason}.`);
      continue;
    }
    lines.push(...metricTable(result));
    if (result.notes.length > 0) lines.push('', ...result.notes);
    lines.push('', `_${Math.round(result.seconds)} s for this workload._`);
  }
  const pending = run.workloads.filter((result) => result.status === 'pending');
  if (pending.length > 0) {
    lines.push('', '## Not yet measurable', '');
    for (const result of pending)
      lines.push(
        `- **${result.workload.id}. ${result.workload.title}** (${result.workload.target}): ${result.workload.pending}.`,
      );
  }
  if (run.analysis.trim()) lines.push('', run.analysis.trim());
  return `${lines.join('\n')}\n`;
}
