import type * as Y from 'yjs';
import { isJointTopic, listTopics, readSteps, topicsRoot, type Topic, type TopicStep } from '@yipan/domain';
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

/** What a board card shows besides the topic's fields: the 联动 tag and the steps' progress. */
export type CardFacts = { joint: boolean; steps: readonly TopicStep[] };

/** The card facts of every topic, keyed by topic id. */
export function readCardFacts(doc: Y.Doc): Map<string, CardFacts> {
  const facts = new Map<string, CardFacts>();
  for (const id of topicsRoot(doc).keys())
    facts.set(id, { joint: isJointTopic(doc, id), steps: readSteps(doc, id) });
  return facts;
}

/** The fresh facts, keeping the previous object of every topic whose facts did not change. */
export function reuseUnchangedFacts(
  previous: ReadonlyMap<string, CardFacts>,
  next: Map<string, CardFacts>,
): Map<string, CardFacts> {
  for (const [id, facts] of next) {
    const old = previous.get(id);
    if (old && old.joint === facts.joint && JSON.stringify(old.steps) === JSON.stringify(facts.steps))
      next.set(id, old);
  }
  return next;
}

/**
 * A value read from the plan's topics, re-read at most once a frame however many updates arrive; `keep`
 * hands back the parts of the previous value that did not change. One store per value, rather than a
 * listener per card: a board of 500 cards would otherwise re-read the document 500 times per keystroke.
 */
function createTopicsDerivedStore<T>(
  doc: Y.Doc,
  read: (doc: Y.Doc) => T,
  keep: (previous: T, next: T) => T,
): Store<T> & { destroy: () => void } {
  const store = createStore<T>(read(doc));
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = timer = null;
    store.set(keep(store.get(), read(doc)));
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

/** All topics of the plan (archived included). */
export function createTopicsStore(doc: Y.Doc): Store<Topic[]> & { destroy: () => void } {
  return createTopicsDerivedStore(doc, (d) => listTopics(d, { includeArchived: true }), reuseUnchanged);
}

/** Every topic's card facts. */
export function createCardFactsStore(doc: Y.Doc): Store<Map<string, CardFacts>> & { destroy: () => void } {
  return createTopicsDerivedStore(doc, readCardFacts, reuseUnchangedFacts);
}
