import type * as Y from 'yjs';

/** A document loaded on this process, as the relay sees it: what it reads and how it hands changes in. */
export type RelayedDoc = {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Encoded awareness states of every client this process knows of (for a peer that just joined). */
  awarenessSnapshot(): Uint8Array | null;
  /** Applies an update another process applied (and stores): sent to this process's clients, not stored here. */
  applyRelayed(update: Uint8Array): void;
  /** Applies awareness states announced on another process. */
  applyRelayedAwareness(update: Uint8Array): void;
  /** Which user holds each Yjs client id known here, encoded (for a peer that just joined); null when none. */
  clientIdClaimsSnapshot(): Uint8Array | null;
  /** Takes the Yjs client ids another process saw taken (ClientIdOwners). */
  applyRelayedClaims(claims: Uint8Array): void;
};

/**
 * Carries document updates and awareness between server processes that hold the same document
 * (`cluster/RedisDocRelay.ts`). Kept here as an interface so the sync code does not depend on Redis;
 * a single process runs without one.
 */
export interface DocRelay {
  /** The document was loaded here: start receiving what peers publish for it. */
  join(doc: RelayedDoc): void;
  /** The document was freed here: stop receiving for it. */
  leave(doc: RelayedDoc): void;
  /** Tells peers about updates this process applied (and stores). */
  publishUpdate(docName: string, update: Uint8Array): void;
  /** Tells peers about awareness changes of this process's clients. */
  publishAwareness(docName: string, update: Uint8Array): void;
  /** Tells peers which user took a Yjs client id here (encoded ClientIdOwners claims). */
  publishClaims(docName: string, claims: Uint8Array): void;
}
