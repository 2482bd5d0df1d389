import * as Y from 'yjs';
import { addTopic, createPlanDoc, listTopics, metaRoot, topicNotes, updateTopic } from '@yipan/domain';

/**
 * Deterministic plan content for every workload: the same bytes go to all three servers, so they
 * store, load and relay identical work. Plans are written through @yipan/domain's accessors.
 */

/** A seeded PRNG (mulberry32): same seed, same plan, every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const TITLE_WORDS = [
  '优化营商环境',
  '养老服务',
  '义务教育',
  '生态环境保护',
  '食品安全',
  '乡村振兴',
  '预算执行',
  '审计整改',
];
const UNITS = ['市发展和改革委员会', '市财政局', '市教育局', '市生态环境局', '市民政局', '市农业农村局'];
/** Characters typed into notes: common words of supervision reports. */
const NOTE_TEXT = '听取和审议关于工作情况的报告开展执法检查推动问题整改落实到位';
/** Longest notes a topic reaches in typed histories; past it, typing deletes as much as it adds. */
const NOTES_CAP = 300;
/** Key prefix of latency probes in the plan's metadata map. */
const PROBE_PREFIX = 'probe:';
/**
 * Probe keys per editor, used in turn: consecutive edits write different keys, so a server that
 * merges several updates into one message (Hocuspocus does, per event-loop turn) still shows every
 * edit to the receivers, each with its own stamp.
 */
const PROBE_SLOTS = 16;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function noteText(length: number, random: () => number): string {
  let text = '';
  while (text.length < length) text += pick([...NOTE_TEXT], random);
  return text;
}

/** A plan of `topics` topics with notes of `notesChars` characters each, as one update (its state). */
export function planState(topics: number, notesChars: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const doc = createPlanDoc();
  let previous: string | null = null;
  for (let index = 0; index < topics; index += 1) {
    previous = addTopic(
      doc,
      {
        title: `${pick(TITLE_WORDS, random)}（${index + 1}）`,
        reportingUnit: pick(UNITS, random),
        month: 1 + (index % 12),
        notes: noteText(notesChars, random),
      },
      { id: `t${index}`, afterId: previous, author: 'bench', now: 0 },
    );
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Authors taking turns in a history (distinct Yjs client ids, as distinct browsers would have). */
const HISTORY_AUTHORS = 4;
/** Consecutive updates by one author before the next takes over. */
const UPDATES_PER_TURN = 250;
/** Topics a history edits; created by its first updates. */
const HISTORY_TOPICS = 20;
/** Share of history updates that move the author's cursor to another topic (no update of its own). */
const HISTORY_MOVE_SHARE = 0.03;
/** Share of history updates that change a field (last writer wins). */
const HISTORY_FIELD_SHARE = 0.07;
/** Share of history updates that are a backspace. */
const HISTORY_BACKSPACE_SHARE = 0.15;

/**
 * `count` updates, one per transaction, as a plan's update log holds them after a year of editing:
 * topics created, then authors typing runs into notes at a cursor (and backspacing), moving to
 * another topic now and then, and changing fields. Notes stop growing at NOTES_CAP characters, so
 * the state grows only by Yjs' tombstones while the history grows by `count`.
 */
export function planHistory(count: number, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  const doc = createPlanDoc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const baseClient = 1_000 + seed * HISTORY_AUTHORS;
  const ids: string[] = [];
  let topic = '';
  let cursor = 0;
  while (updates.length < count) {
    const turn = Math.floor(updates.length / UPDATES_PER_TURN) % HISTORY_AUTHORS;
    doc.clientID = baseClient + turn;
    if (ids.length < Math.min(HISTORY_TOPICS, count)) {
      ids.push(addTopic(doc, { title: pick(TITLE_WORDS, random) }, { id: `h${ids.length}`, now: 0 }));
      topic = ids[0] ?? '';
      continue;
    }
    const notes = topicNotes(doc, topic);
    if (!notes) continue;
    cursor = Math.min(cursor, notes.length);
    const roll = random();
    if (roll < HISTORY_MOVE_SHARE) {
      topic = pick(ids, random);
      cursor = Math.floor(random() * ((topicNotes(doc, topic)?.length ?? 0) + 1));
    } else if (roll < HISTORY_MOVE_SHARE + HISTORY_FIELD_SHARE) {
      if (random() < 0.5) updateTopic(doc, topic, { reportingUnit: pick(UNITS, random) });
      else updateTopic(doc, topic, { month: 1 + Math.floor(random() * 12) });
    } else if (cursor > 0 && (notes.length >= NOTES_CAP || roll > 1 - HISTORY_BACKSPACE_SHARE)) {
      notes.delete(cursor - 1, 1);
      cursor -= 1;
    } else {
      notes.insert(cursor, pick([...NOTE_TEXT], random));
      cursor += 1;
    }
  }
  doc.destroy();
  return updates.slice(0, count);
}

/** Topic ids of a plan made by `planState`, in board order. */
export function topicIds(doc: Y.Doc): string[] {
  return listTopics(doc, { includeArchived: true }).map((topic) => topic.id);
}

/** The wall clock in milliseconds, comparable across the benchmark's processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Characters removed from the start of notes that reached NOTES_CAP: an old paragraph deleted at once. */
const NOTES_TRIM = 100;

/**
 * One edit as a user makes it: a character typed at the end of a topic's notes (an old paragraph is
 * deleted in the same edit once the notes are long), stamped with the time it was made for
 * receivers to measure. Typing runs at one cursor, as people type, so Yjs keeps each run in one item.
 */
export function typeInto(
  doc: Y.Doc,
  topicId: string,
  editorKey: string,
  sequence: number,
  random: () => number,
): void {
  const notes = topicNotes(doc, topicId);
  doc.transact(() => {
    if (notes) {
      if (notes.length >= NOTES_CAP) notes.delete(0, NOTES_TRIM);
      notes.insert(notes.length, pick([...NOTE_TEXT], random));
    }
    metaRoot(doc).set(`${PROBE_PREFIX}${editorKey}:${sequence % PROBE_SLOTS}`, nowMs());
  });
}

/** Calls `onLatency` with the age of every probe stamp this client receives from others. */
export function watchProbes(doc: Y.Doc, onLatency: (ms: number) => void): () => void {
  const meta = metaRoot(doc);
  const observer = (event: Y.YMapEvent<unknown>): void => {
    if (event.transaction.local) return;
    const received = nowMs();
    const keys: Iterable<unknown> = event.keysChanged;
    for (const key of keys) {
      if (typeof key !== 'string' || !key.startsWith(PROBE_PREFIX)) continue;
      const stamp = meta.get(key);
      if (typeof stamp === 'number') onLatency(received - stamp);
    }
  };
  meta.observe(observer);
  return () => meta.unobserve(observer);
}

/** Whether `doc` holds everything described by `stateVector` (it may hold more). */
export function hasState(doc: Y.Doc, stateVector: Map<number, number>): boolean {
  const own = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of stateVector) if ((own.get(client) ?? 0) < clock) return false;
  return true;
}
