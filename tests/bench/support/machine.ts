import { cpus, loadavg, totalmem, uptime } from 'node:os';
import { readFileSync } from 'node:fs';

/** The machine a run measured on. */
export type Machine = {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
};

/** CPU model, core count, memory and Node version of this machine. */
export function describeMachine(): Machine {
  const all = cpus();
  let os = `${process.platform} ${process.arch}`;
  try {
    const release = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (release?.[1]) os = `${release[1]} (${process.arch})`;
  } catch {
    // Not Linux, or no os-release: the platform name will do.
  }
  return {
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    cores: all.length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os,
  };
}

/** The machine's load, as `uptime` prints it: up time and 1/5/15-minute load averages. */
export function machineLoad(): string {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  const hours = Math.floor(uptime() / 3600);
  const minutes = Math.floor((uptime() % 3600) / 60);
  return `up ${hours}:${String(minutes).padStart(2, '0')}, load average: ${one.toFixed(2)}, ${five.toFixed(2)}, ${fifteen.toFixed(2)}`;
}
