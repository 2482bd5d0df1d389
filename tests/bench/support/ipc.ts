/** Messages the benchmark sends to a server process over its IPC channel (see serverPreload.ts). */
export type ProbeRequest =
  { type: 'probe:reset'; id: number } | { type: 'probe:read'; id: number } | { type: 'probe:gc'; id: number };

/** Event-loop delay of a server since the last reset, in milliseconds. */
export type LoopDelay = { p50: number; p99: number; max: number; mean: number };

/** Commit delays a peer reports itself (the reference server's LevelDB writes), in milliseconds. */
export type CommitReport = { count: number; delaysMs: number[]; lastCommitAtMs: number };

/** What a server process answers to a probe request. */
export type ProbeReply = {
  type: 'probe:reply';
  id: number;
  loopDelay: LoopDelay;
  heapUsedBytes: number;
  commits: CommitReport | null;
};

/** Narrows an IPC message to a probe request. */
export function isProbeRequest(message: unknown): message is ProbeRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    typeof message.type === 'string' &&
    message.type.startsWith('probe:') &&
    message.type !== 'probe:reply'
  );
}

/** Narrows an IPC message to a probe reply. */
export function isProbeReply(message: unknown): message is ProbeReply {
  return (
    typeof message === 'object' && message !== null && 'type' in message && message.type === 'probe:reply'
  );
}
