import { createStore, type Store } from '../collab/createStore';

/*
 * One chessboard's events of socket.io `/board`, handed from the one socket (useBoardEvents) to the views:
 * each bumps a counter that makes the matrix or the upstream view re-read.
 */

/** Bumped on `plan:alignment` events for the watched plan (its matrix changed). */
export const alignmentRevision = createStore(0);
/** Bumped on `plan:upstream` events for the watched plan (a parent plan changed). */
export const upstreamRevision = createStore(0);

/**
 * Shortest time between two re-reads caused by events: twenty counties typing at once announce a change
 * every projection (≈ 200 ms each), and the matrix needs to follow within a second, not re-read twenty times.
 */
export const EVENT_REREAD_INTERVAL_MS = 500;

/** A bump now when the last was long enough ago, otherwise one bump at the end of the interval. */
function throttledBump(store: Store<number>): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const bump = () => {
    last = Date.now();
    timer = null;
    store.set(store.get() + 1);
  };
  return () => {
    if (timer) return;
    const wait = last + EVENT_REREAD_INTERVAL_MS - Date.now();
    if (wait <= 0) bump();
    else timer = setTimeout(bump, wait);
  };
}

/** Called for `plan:alignment` (and after each change made here). */
export const alignmentChanged = throttledBump(alignmentRevision);

/** Called for `plan:upstream` (and after each answer made here). */
export const upstreamChanged = throttledBump(upstreamRevision);
