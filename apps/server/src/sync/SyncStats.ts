/** Live counters of the sync endpoint, readable by tests and `/metrics`. */
export type SyncStats = {
  /** Documents in memory, including ones still loading. */
  openDocs: number;
  /** Open `/yjs` connections. */
  connections: number;
  /** Update messages (sync step 2 or update) that arrived from connections, before any check. */
  receivedUpdates: number;
  /** Updates applied to a document from a connection. */
  appliedUpdates: number;
  /** Update messages whose payload did not decode as a Yjs update: never applied, never stored. */
  droppedInvalidUpdates: number;
  /** Non-empty updates sent by read-only connections: never applied, never stored. */
  droppedReadOnlyUpdates: number;
  /** Updates that changed a frozen plan's content outside an open adjustment: never applied, never stored. */
  refusedFrozenUpdates: number;
  /** Frames that did not decode or apply; each closed the connection that sent it. */
  malformedFrames: number;
  /** Updates the database failed to store (logged as errors). */
  persistFailures: number;
  /** Connections closed for sending faster than their own or their user's rate (4429). */
  rateLimitedConnections: number;
};

/** A zeroed set of counters. */
export function createSyncStats(): SyncStats {
  return {
    openDocs: 0,
    connections: 0,
    receivedUpdates: 0,
    appliedUpdates: 0,
    droppedInvalidUpdates: 0,
    droppedReadOnlyUpdates: 0,
    refusedFrozenUpdates: 0,
    malformedFrames: 0,
    persistFailures: 0,
    rateLimitedConnections: 0,
  };
}
