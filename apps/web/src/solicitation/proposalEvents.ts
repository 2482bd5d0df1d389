import { createStore } from '../collab/createStore';

/**
 * `plan:proposals` of socket.io `/board`, handed from the one socket (useBoardEvents) to the intake:
 * each event bumps this counter and the open intake re-reads its list.
 */
export const proposalsRevision = createStore(0);

/** Called for `plan:proposals` (and after each change made here): re-read the intake. */
export function proposalsChanged(): void {
  proposalsRevision.set(proposalsRevision.get() + 1);
}
