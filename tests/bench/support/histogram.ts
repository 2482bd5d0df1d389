/**
 * A log-linear latency histogram: values in milliseconds, buckets 1 % wide from 1 µs up, so
 * percentiles of millions of samples cost a few kilobytes and merge across worker processes.
 */

/** Smallest value told apart from zero. */
const MIN_VALUE_MS = 0.001;
/** Relative width of a bucket: percentiles are exact to within 1 %. */
const BUCKET_GROWTH = 1.01;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);

/** A serialisable histogram: sparse bucket counts plus exact count, sum, min and max. */
export type HistogramData = {
  buckets: Record<number, number>;
  count: number;
  sumMs: number;
  minMs: number;
  maxMs: number;
};

/** Returns an empty histogram. */
export function emptyHistogram(): HistogramData {
  return { buckets: {}, count: 0, sumMs: 0, minMs: Number.POSITIVE_INFINITY, maxMs: 0 };
}

function bucketOf(valueMs: number): number {
  return valueMs <= MIN_VALUE_MS ? 0 : 1 + Math.floor(Math.log(valueMs / MIN_VALUE_MS) / LOG_GROWTH);
}

function valueOf(bucket: number): number {
  // The middle of the bucket, so the error is at most half its width either way.
  return bucket === 0 ? 0 : MIN_VALUE_MS * BUCKET_GROWTH ** (bucket - 0.5);
}

/** Records one value (ms). */
export function record(histogram: HistogramData, valueMs: number): void {
  const value = Math.max(0, valueMs);
  const bucket = bucketOf(value);
  histogram.buckets[bucket] = (histogram.buckets[bucket] ?? 0) + 1;
  histogram.count += 1;
  histogram.sumMs += value;
  histogram.minMs = Math.min(histogram.minMs, value);
  histogram.maxMs = Math.max(histogram.maxMs, value);
}

/** Adds `from` into `into`. */
export function merge(into: HistogramData, from: HistogramData): void {
  for (const [bucket, count] of Object.entries(from.buckets)) {
    const index = Number(bucket);
    into.buckets[index] = (into.buckets[index] ?? 0) + count;
  }
  into.count += from.count;
  into.sumMs += from.sumMs;
  into.minMs = Math.min(into.minMs, from.minMs);
  into.maxMs = Math.max(into.maxMs, from.maxMs);
}

/** The value below which `percent` % of the samples lie; NaN when empty. */
export function percentile(histogram: HistogramData, percent: number): number {
  if (histogram.count === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * histogram.count);
  const ordered = Object.keys(histogram.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const bucket of ordered) {
    seen += histogram.buckets[bucket] ?? 0;
    if (seen >= rank) return Math.min(Math.max(valueOf(bucket), histogram.minMs), histogram.maxMs);
  }
  return histogram.maxMs;
}

/** Percentile of a plain list of numbers (nearest rank); NaN when empty. */
export function percentileOf(values: readonly number[], percent: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Median of a list (mean of the middle two for even lengths); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}
