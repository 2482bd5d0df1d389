import type * as Y from 'yjs';
import { listTopics, topicsRoot, type Topic } from '@yipan/domain';
import { createStore, type Store } from './createStore';

/** Longest a hidden tab waits for a frame before it re-reads the document anyway. */
const FALLBACK_FLUSH_MS = 250;

/** Equal field by field; array fields (the add-on methods) element by element. */
function sameTopic(a: Topic, b: Topic): boolean {
  for (const key of Object.keys(b) as (keyof Topic)[]) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    if (x.some((item, index) => item !== y[index])) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

/**
 * The fresh list, keeping the previous object of every topic that did not change: a card is memoised
 * on its topic, so typing into one note of a 500-topic plan re-renders one card, not all of them.
 */
export function reuseUnchanged(previous: readonly Topic[], next: Topic[]): Topic[] {
  const before = new Map(previous.map((topic) => [topic.id, topic]));
  return next.map((topic) => {
    const old = before.get(topic.id);
    return old && sameTopic(old, topic) ? old : topic;
  });
}

/** All topics of the plan (archived included), re-read at most once a frame however many updates arrive. */
export function createTopicsStore(doc: Y.Doc): Store<Topic[]> & { destroy: () => void } {
  const store = createStore<Topic[]>(listTopics(doc, { includeArchived: true }));
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = timer = null;
    store.set(reuseUnchanged(store.get(), listTopics(doc, { includeArchived: true })));
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
