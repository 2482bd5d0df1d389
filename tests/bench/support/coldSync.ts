import type * as Y from 'yjs';
import { openClient, type ClientTarget } from './benchClient';
import { hasState, nowMs } from './planContent';

/** Longest a single load may take before the workload gives up on it. */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * Opens one client and times it until its document holds everything in `expected` (a state vector):
 * the provider's own "synced" can come before the content (the reference server answers before its
 * LevelDB load finished), so completeness is checked on the document itself.
 */
export async function timeToContent(target: ClientTarget, expected: Map<number, number>): Promise<number> {
  const started = nowMs();
  const client = openClient(target);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target.docName} did not load`)), LOAD_TIMEOUT_MS);
      const check = (): void => {
        if (!hasState(client.doc, expected)) return;
        clearTimeout(timer);
        client.doc.off('update', check);
        resolve();
      };
      client.doc.on('update', check);
      void client.synced.then(check);
    });
    return nowMs() - started;
  } finally {
    client.destroy();
  }
}

/** The state vector of a document built from `updates`, as timeToContent expects it. */
export function expectedState(doc: Y.Doc): Map<number, number> {
  const vector = new Map<number, number>();
  for (const [client, structs] of doc.store.clients) {
    const last = structs.at(-1);
    if (last) vector.set(client, last.id.clock + last.length);
  }
  return vector;
}
