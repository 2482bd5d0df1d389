import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** CPU and memory of a process as the OS reports them in /proc (Linux). */
export type ProcSample = {
  /** User plus system CPU time since the process started, in seconds. */
  cpuSeconds: number;
  /** Resident set size now, in bytes. */
  rssBytes: number;
  /** Peak resident set size since the process started (VmHWM), in bytes. */
  peakRssBytes: number;
};

/** Clock ticks per second of /proc/<pid>/stat times; read once from `getconf`. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const KIB = 1024;
/** Fields of /proc/<pid>/stat after the command name: utime and stime are the 14th and 15th of the line. */
const UTIME_AFTER_COMM = 11;
const STIME_AFTER_COMM = 12;

function statusKib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] ? Number(match[1]) : 0;
}

/** Reads CPU time and memory of `pid` from /proc/<pid>/stat and /proc/<pid>/status. */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may contain spaces; fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[UTIME_AFTER_COMM]) + Number(fields[STIME_AFTER_COMM]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: ticks / CLOCK_TICKS,
    rssBytes: statusKib(status, 'VmRSS') * KIB,
    peakRssBytes: statusKib(status, 'VmHWM') * KIB,
  };
}

/** Samples a process' RSS at an interval and keeps the highest value seen, until stopped. */
export function watchPeakRss(pid: number, intervalMs: number): { stop(): number } {
  let peak = sampleProcess(pid).rssBytes;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, sampleProcess(pid).rssBytes);
    } catch {
      // The process ended; the peak so far stands.
    }
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Busy and total CPU time of the whole machine (all cores) since boot, in clock ticks, from /proc/stat. */
export type MachineSample = { busyTicks: number; totalTicks: number };

/** Reads the machine's CPU counters; idle and iowait count as not busy. */
export function sampleMachine(): MachineSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const totalTicks = ticks.reduce((sum, value) => sum + value, 0);
  // Fields: user nice system idle iowait irq softirq steal…
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busyTicks: totalTicks - idle, totalTicks };
}

/** Share of the machine's CPU that was busy between two samples, in percent. */
export function busyPercent(before: MachineSample, after: MachineSample): number {
  const total = after.totalTicks - before.totalTicks;
  return total > 0 ? (100 * (after.busyTicks - before.busyTicks)) / total : Number.NaN;
}

/** Summed CPU seconds of several processes (0 for any that ended). */
export function cpuSecondsOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + sampleProcess(pid).cpuSeconds;
    } catch {
      return sum;
    }
  }, 0);
}
