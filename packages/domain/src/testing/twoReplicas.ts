import * as Y from 'yjs';
import { createPlanDoc } from '../planDoc';

/** The origin remote changes arrive with, as a network provider would tag them. */
export const REMOTE = 'remote';

/** Two replicas of one plan, exchanging updates only when `sync()` is called, like peers that were offline. */
export function twoReplicas() {
  const a = createPlanDoc();
  const b = createPlanDoc();
  const sync = () => {
    const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, fromA, REMOTE);
    Y.applyUpdate(a, fromB, REMOTE);
  };
  return { a, b, sync };
}
