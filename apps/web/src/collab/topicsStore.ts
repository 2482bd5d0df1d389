import type * as Y from 'yjs';
import { listTopics, topicsRoot, type Topic } from '@yipan/domain';
import { createStore, type Store } from './createStore';

/** Longest a hidden tab waits for a frame before it re-reads the document anyway. */
const FALLBACK_FLUSH_MS = 250;

/** All topics of the plan (archived included), re-read at most once a frame however many updates arrive. */
export function createTopicsStore(doc: Y.Doc): Store<Topic[]> & { destroy: () => void } {
  const store = createStore<Topic[]>(listTopics(doc, { includeArchived: true }));
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = timer = null;
    store.set(listTopics(doc, { includeArchived: true }));
  };
  const schedule = () => {
    if (frame !== null) return;
    frame = requestAnimationFrame(flush);
    // Background tabs get no animation frames; keep them roughly current all the same.
    timer = setTimeout(flush, FALLBACK_FLUSH_MS);
  };
  const root = topicsRoot(doc);
  root.observeDeep(schedule);
  return {
    ...store,
    destroy: () => {
      root.unobserveDeep(schedule);
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
