import type { ClientTarget } from './benchClient';
import type { HistogramData } from './histogram';

/** One client a worker opens, under a key the coordinator addresses it by. */
export type ClientSpec = { key: string; target: ClientTarget };

/** A client that edits: which topic it types into, and its offset inside the edit period. */
export type EditorSpec = { key: string; topicId: string; phaseMs: number };

/** One edit as sent: its document, the editor's Yjs client id, its clock after the edit, and when. */
export type SendRecord = [docName: string, clientId: number, clock: number, sentAtMs: number];

/** Requests of the coordinator to a client worker. */
export type WorkerRequest =
  | { type: 'open'; id: number; clients: ClientSpec[]; concurrency: number; timeoutMs: number }
  | {
      type: 'edit';
      id: number;
      editors: EditorSpec[];
      startAtMs: number;
      durationMs: number;
      ratePerSec: number;
      trackSends: boolean;
    }
  | { type: 'measure'; id: number; on: boolean }
  | { type: 'collect'; id: number }
  | { type: 'close'; id: number };

/** What `open` reports: time from open to first sync per client, and how many failed to sync. */
export type OpenResult = { syncMs: number[]; failed: number };
/**
 * What `edit` reports: how many edits were sent, each send when asked to track them, and the longest
 * any edit ran behind its schedule (the load generator's own lag).
 */
export type EditResult = { sent: number; sends: SendRecord[]; lateMs: number };
/** What `collect` reports: edit-to-receipt latencies received, and connection drops. */
export type CollectResult = { latency: HistogramData; received: number; disconnects: number };

/** A worker's answer to one request. */
export type WorkerReply =
  | { type: 'reply'; id: number; ok: true; result: OpenResult | EditResult | CollectResult | null }
  | { type: 'reply'; id: number; ok: false; error: string };

/** Narrows an IPC message to a worker reply. */
export function isWorkerReply(message: unknown): message is WorkerReply {
  return typeof message === 'object' && message !== null && 'type' in message && message.type === 'reply';
}
