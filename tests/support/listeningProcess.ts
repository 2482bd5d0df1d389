import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** The address a server prints once it listens: Yipan and the benchmark's peers print `listening on <url>`. */
const LISTENING = /listening on ((?:http|ws):\/\/\S+)/;

/** A child server that has printed the address it listens on. */
export type ListeningProcess = {
  child: ChildProcess;
  /** The URL from its "listening on" line. */
  address: string;
  /** What it printed (the last `keepChars` characters), for failure messages. */
  output: () => string;
};

/** How to start and wait for a child server. */
export type ListenOptions = {
  /** Named in failure messages. */
  name: string;
  timeoutMs: number;
  /** Output kept for `output()`; older output is dropped. */
  keepChars?: number;
  /** Builds the error thrown when the process exits or times out before listening. */
  failure?: (message: string) => Error;
};

/**
 * Spawns `process.execPath` with `args`, collects its stdout and stderr, and resolves once it prints
 * "listening on <url>"; rejects if it exits or stays silent for `timeoutMs`.
 */
export async function spawnListening(
  args: readonly string[],
  spawnOptions: SpawnOptions,
  { name, timeoutMs, keepChars = Infinity, failure = (message) => new Error(message) }: ListenOptions,
): Promise<ListeningProcess> {
  const child = spawn(process.execPath, args, spawnOptions);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keepChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(failure(`${name} did not start:\n${output}`)), timeoutMs);
    const onData = () => {
      const match = LISTENING.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(failure(`${name} exited with ${code}:\n${output}`));
    });
  });
  return { child, address, output: () => output };
}

/** Resolves with the exit code once `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
