import * as Y from 'yjs';
import type { z } from 'zod';
import { DomainError } from './errors';

/**
 * The nested parts of a topic map: its step list and its opinion with the rectification items.
 * The roots are named in planDoc.ts; the keys below are the only place these parts are named.
 * Internal to the domain package (not exported from index.ts).
 */
const STEPS = 'steps';
const OPINION = 'opinion';
const OPINION_TEXT = 'text';
const ITEMS = 'rectificationItems';

/** The keys of a topic map that hold its parts (execution data, editable in every status). */
export const TOPIC_PART_KEYS: readonly string[] = [STEPS, OPINION];

/** A topic as stored: a Y.Map of its fields and parts. */
export type TopicMap = Y.Map<unknown>;

/**
 * Gives a topic any part it lacks; returns whether it wrote anything. Call inside a transaction.
 * New topics get their parts when created, and the server upgrades old documents on load, because two
 * peers that each create a missing part offline would overwrite one another's (a Y.Map key keeps one value).
 */
export function ensureTopicParts(topic: TopicMap): boolean {
  let wrote = false;
  if (!(topic.get(STEPS) instanceof Y.Array)) {
    topic.set(STEPS, new Y.Array());
    wrote = true;
  }
  const existing = topic.get(OPINION);
  const opinion = existing instanceof Y.Map ? (existing as Y.Map<unknown>) : topic.set(OPINION, new Y.Map());
  wrote ||= opinion !== existing;
  const text = opinion.get(OPINION_TEXT);
  if (!(text instanceof Y.Text)) {
    // A plain string left by a faulty writer keeps its words.
    opinion.set(OPINION_TEXT, new Y.Text(typeof text === 'string' ? text : ''));
    wrote = true;
  }
  if (!(opinion.get(ITEMS) instanceof Y.Array)) {
    opinion.set(ITEMS, new Y.Array());
    wrote = true;
  }
  return wrote;
}

/** The topic map with that id, or a `topic_not_found` error. */
export function requireTopic(topics: Y.Map<TopicMap>, topicId: string): TopicMap {
  const topic = topics.get(topicId);
  if (!(topic instanceof Y.Map)) throw new DomainError('topic_not_found', `topic ${topicId} not found`);
  return topic;
}

/** A topic's steps, or null when the topic has none yet. */
export function stepsOf(topic: TopicMap): Y.Array<unknown> | null {
  const steps = topic.get(STEPS);
  return steps instanceof Y.Array ? steps : null;
}

/** A topic's opinion map, or null when the topic has none yet. */
export function opinionOf(topic: TopicMap): Y.Map<unknown> | null {
  const opinion = topic.get(OPINION);
  return opinion instanceof Y.Map ? opinion : null;
}

/** The collaborative text of a topic's opinion, or null. */
export function opinionTextOf(topic: TopicMap): Y.Text | null {
  const text = opinionOf(topic)?.get(OPINION_TEXT);
  return text instanceof Y.Text ? text : null;
}

/** The plain-string opinion text an older or faulty writer may have left instead of a Y.Text. */
export function opinionPlainTextOf(topic: TopicMap): string {
  const text = opinionOf(topic)?.get(OPINION_TEXT);
  return typeof text === 'string' ? text : '';
}

/** A topic's rectification items, or null. */
export function itemsOf(topic: TopicMap): Y.Array<unknown> | null {
  const items = opinionOf(topic)?.get(ITEMS);
  return items instanceof Y.Array ? items : null;
}

/** The first map in a list whose `id` is the given one: concurrent inserts of one id read as one. */
export function findById(list: Y.Array<unknown> | null, id: string): Y.Map<unknown> | null {
  for (const entry of list?.toArray() ?? []) {
    if (entry instanceof Y.Map && entry.get('id') === id) return entry as Y.Map<unknown>;
  }
  return null;
}

/** The maps of a list with a usable id, first occurrence of each id only. */
export function uniqueMaps(list: Y.Array<unknown> | null): Y.Map<unknown>[] {
  const seen = new Set<string>();
  const maps: Y.Map<unknown>[] = [];
  for (const entry of list?.toArray() ?? []) {
    if (!(entry instanceof Y.Map)) continue;
    const id: unknown = entry.get('id');
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue;
    seen.add(id);
    maps.push(entry as Y.Map<unknown>);
  }
  return maps;
}

/** A value read through a schema; anything invalid reads as the fallback, so a bad document never crashes a reader. */
export function readOr<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** A Y.Text's content, or '' when the value is not one. */
export function textOf(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : '';
}

/** Writes a plain value only when it differs, so a no-op edit sends no update and overrides no concurrent one. */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
}
