import type { ServerKind } from './servers';

/**
 * Yipan deployments only workload 10 measures, each a column of its own: three processes sharing
 * PostgreSQL and Redis, and the one process on PostgreSQL they are compared with.
 */
export const DEPLOYMENT_KINDS = ['yipan-cluster', 'yipan-postgres'] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];
/** A column of the report: a server under test, or one of Yipan's deployments. */
export type SetupKind = ServerKind | DeploymentKind;

/** How big a run is: `quick` runs every workload at a tenth of its size (CI), with the same code. */
export type Scale = { quick: boolean };

/** One figure a workload reports per repetition. */
export type MetricSpec = {
  key: string;
  label: string;
  unit: string;
  /** Digits after the decimal point in the report. */
  decimals: number;
};

/** What a workload gets for one server: which server, how big, a fresh folder, and a logger. */
export type WorkloadContext<K extends SetupKind = ServerKind> = {
  kind: K;
  scale: Scale;
  /** An empty temporary folder of this workload and server. */
  dataDir: string;
  /** Repetitions the runner will ask for (workloads that need a cold plan per repetition seed that many). */
  reps: number;
  /** Extra arguments for the Yipan server process (e.g. `--cpu-prof`). */
  yipanNodeArgs: readonly string[];
  log(message: string): void;
};

/** A workload prepared on one server: repetitions run against it, then it is closed. */
export type WorkloadSession = {
  /** Runs repetition `index` and returns its figures by metric key. */
  rep(index: number): Promise<Record<string, number>>;
  close(): Promise<void>;
};

/** The medians a target is judged on. */
export type Summary = {
  /** Median over the repetitions of a metric of one server (NaN when not measured). */
  median(kind: SetupKind, key: string): number;
  /** Highest value over the repetitions (for counts that must be zero in every repetition). */
  max(kind: SetupKind, key: string): number;
  /**
   * Median over the repetitions of the workload's first kind's figure (Yipan's) divided by a peer's,
   * repetition by repetition.
   */
  ratio(key: string, peer: SetupKind): number;
};

/** A target of the issue, judged on a run: met, missed (by how much), or just reported. */
export type TargetResult = { target: string; value: string; met: boolean | null };

/** A workload that can be measured now; its first kind is the one the others are compared with. */
export type MeasurableWorkload<K extends SetupKind = ServerKind> = {
  id: number;
  title: string;
  /** What the workload does at full size and at quick size. */
  describe(scale: Scale): string;
  kinds: readonly K[];
  metrics: readonly MetricSpec[];
  /** Metrics whose Yipan/peer ratio is reported. */
  ratios: readonly string[];
  judge(summary: Summary): TargetResult[];
  /**
   * Why the workload cannot run on this machine (a service it needs is not configured), or null. The
   * runner then reports it skipped, except in CI (CI=true), where a missing service is a failure.
   */
  unavailable?(): string | null;
  open(context: WorkloadContext<K>): Promise<WorkloadSession>;
};

/** A workload listed but not yet measurable, and why. */
export type PendingWorkload = { id: number; title: string; target: string; pending: string };

/** Every workload file in `workloads/` default-exports one of these. */
export type Workload = MeasurableWorkload<SetupKind> | PendingWorkload;

/** Whether a workload can be measured now. */
export function isMeasurable(workload: Workload): workload is MeasurableWorkload<SetupKind> {
  return !('pending' in workload);
}

/** A failure of the product under test (a server that does not start, an app that does not build), not of the suite. */
export class ProductFailure extends Error {
  override name = 'ProductFailure';
}

/** Size of a run: `full` at full size, `quick` at a tenth (rounded up, at least `min`). */
export function sized(scale: Scale, full: number, min = 1): number {
  return scale.quick ? Math.max(min, Math.ceil(full / 10)) : full;
}

/** Formats a value judged against a target: "12.3 ms (target ≤ 50 ms)". */
export function judgeAtMost(label: string, value: number, limit: number, unit: string): TargetResult {
  return {
    target: `${label} ≤ ${limit}${unit}`,
    value: Number.isNaN(value) ? 'not measured' : `${round(value)}${unit}`,
    met: Number.isNaN(value) ? null : value <= limit,
  };
}

/** Formats a value judged against a lower bound. */
export function judgeAtLeast(label: string, value: number, limit: number, unit: string): TargetResult {
  return {
    target: `${label} ≥ ${limit}${unit}`,
    value: Number.isNaN(value) ? 'not measured' : `${round(value)}${unit}`,
    met: Number.isNaN(value) ? null : value >= limit,
  };
}

/** A figure the issue asks to report, without a target. */
export function report(label: string, value: number, unit: string): TargetResult {
  return {
    target: `${label} (report)`,
    value: Number.isNaN(value) ? 'not measured' : `${round(value)}${unit}`,
    met: null,
  };
}

/** Rounds to three significant digits for prose. */
export function round(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
