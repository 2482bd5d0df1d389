import * as Y from 'yjs';
import { z } from 'zod';
import { generateKeyBetween } from 'fractional-indexing';
import { IsoDate } from './dates';
import { Method, MONTHS, SupervisedBody, TopicSource } from './glossary';
import { ensureTopicParts, requireTopic, setIfChanged, TOPIC_PART_KEYS, type TopicMap } from './planDocParts';
import { lazySchema } from './lazySchema';

/**
 * The shape of a plan's Y.Doc (`plan:<planId>`). This module is the only code that names Yjs roots;
 * everything else reads and writes plans through the accessors below.
 */
const ROOT_TOPICS = 'topics';
const ROOT_META = 'meta';
/** The child plan's answers "not taken up" to expectations from above, keyed by parent plan and topic. */
const ROOT_DECLINES = 'declines';
/** What each link last saw of its parent topic, keyed by child and parent topic: outside `topics`, so never frozen. */
const ROOT_UPSTREAM = 'upstream';
const PLAN_DOC_PREFIX = 'plan:';

/** Longest id of a plan, topic or organisation; fits a URL path segment and a document name comfortably. */
const ID_MAX = 64;

/** The id of a plan, topic or organisation: short and URL-safe, so it goes into paths and document names as is. */
export const EntityId = lazySchema(() => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,${ID_MAX}}$`)));

/** Room name of a plan's document on `/yjs/<docName>`. */
export function planDocName(planId: string): string {
  return `${PLAN_DOC_PREFIX}${planId}`;
}

/** The plan id inside a document name, or null when the name is not a plan document. */
export function planIdFromDocName(docName: string): string | null {
  if (!docName.startsWith(PLAN_DOC_PREFIX)) return null;
  const planId = docName.slice(PLAN_DOC_PREFIX.length);
  return EntityId.safeParse(planId).success ? planId : null;
}

/** Longest topic title: a full 听取和审议…的报告 heading fits with room to spare. */
export const TITLE_MAX = 200;
/** Longest short text field (reporting unit, committee, leader in charge). */
export const SHORT_TEXT_MAX = 100;
/** Most assisting committees on one topic. */
export const ASSIST_COMMITTEES_MAX = 20;
/** Highest session number in a year (第N次会议); sessions are at least every two months, a few dozen at most. */
export const SESSION_MAX = 99;
/** Most add-on methods on one topic; practice combines two or three (a visit, a report, a vote). */
const ADDON_METHODS_MAX = 10;
/** Most sources on one topic; the glossary has eleven. */
const SOURCES_MAX = 20;
/** Longest topic notes when a topic is created (e.g. from an import or a proposal). */
const NOTES_MAX = 20_000;

/** The editable, non-collaborative fields of a topic; each is last-writer-wins per field. */
export const TopicFields = lazySchema(() =>
  z.object({
    title: z.string().trim().min(1).max(TITLE_MAX),
    method: Method,
    addonMethods: z.array(Method).max(ADDON_METHODS_MAX),
    supervisedBody: SupervisedBody,
    reportingUnit: z.string().trim().max(SHORT_TEXT_MAX),
    leadCommittee: z.string().trim().max(SHORT_TEXT_MAX),
    assistCommittees: z.array(z.string().trim().min(1).max(SHORT_TEXT_MAX)).max(ASSIST_COMMITTEES_MAX),
    leaderInCharge: z.string().trim().max(SHORT_TEXT_MAX),
    month: z.number().int().min(1).max(MONTHS.length).nullable(),
    session: z.number().int().min(1).max(SESSION_MAX).nullable(),
    /** The day of the session or meeting that hears the topic; the steps' due dates are counted from it. */
    sessionDate: IsoDate.nullable(),
    sources: z.array(TopicSource).max(SOURCES_MAX),
  }),
);
export type TopicFields = z.infer<typeof TopicFields>;
/** The name of one editable topic field. */
export type TopicField = keyof TopicFields;
/** The editable topic fields, in schema order (the order a history or a diff reports them in). */
export const TOPIC_FIELDS = Object.keys(TopicFields.shape) as TopicField[];

/** What a caller must give to create a topic; everything but the title has a default. */
export const NewTopic = lazySchema(() =>
  TopicFields.partial().extend({
    title: TopicFields.shape.title,
    notes: z.string().max(NOTES_MAX).optional(),
  }),
);
export type NewTopic = z.infer<typeof NewTopic>;

/** The value of each field a new topic is not given, and of each field a faulty writer left invalid. */
export const TOPIC_DEFAULTS: TopicFields = {
  title: '',
  method: 'special_report',
  addonMethods: [],
  supervisedBody: 'gov',
  reportingUnit: '',
  leadCommittee: '',
  assistCommittees: [],
  leaderInCharge: '',
  month: null,
  session: null,
  sessionDate: null,
  sources: [],
};

/** A topic as read from the document: its fields plus identity, order and archive state. */
export type Topic = TopicFields & {
  id: string;
  order: string;
  archived: boolean;
  createdAt: number;
  createdBy: string;
  notes: string;
};

/** Creates an empty plan document with its roots in place. */
export function createPlanDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap(ROOT_META);
  doc.getMap(ROOT_TOPICS);
  return doc;
}

/** The map of all topics keyed by id. Exposed for observers and the undo manager only. */
export function topicsRoot(doc: Y.Doc): Y.Map<TopicMap> {
  return doc.getMap<TopicMap>(ROOT_TOPICS);
}

/** Plan-level metadata kept in the document. */
export function metaRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_META);
}

/** Declines of expectations from above (links.ts reads and writes them). */
export function declinesRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_DECLINES);
}

/** The parent fields each link last acknowledged (links.ts reads and writes them). */
export function upstreamRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_UPSTREAM);
}

/**
 * Reads one field, tolerating anything a faulty or hostile client may have written:
 * an invalid value reads as the default, so the board never crashes on a bad document.
 */
function readField<K extends TopicField>(map: TopicMap, key: K): TopicFields[K] {
  const parsed = TopicFields.shape[key].safeParse(map.get(key));
  return (parsed.success ? parsed.data : TOPIC_DEFAULTS[key]) as TopicFields[K];
}

function readTopicMap(id: string, map: TopicMap): Topic {
  const fields = Object.fromEntries(TOPIC_FIELDS.map((key) => [key, readField(map, key)])) as TopicFields;
  const order = map.get('order');
  const createdAt = map.get('createdAt');
  const createdBy = map.get('createdBy');
  const notes = map.get('notes');
  return {
    ...fields,
    title: fields.title || '（无标题）',
    id,
    order: typeof order === 'string' ? order : '',
    archived: map.get('archived') === true,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    createdBy: typeof createdBy === 'string' ? createdBy : '',
    notes: notes instanceof Y.Text ? notes.toString() : '',
  };
}

/** Compares topics by order key, then id, so that equal keys from concurrent inserts still sort stably. */
export function compareTopics(a: Pick<Topic, 'order' | 'id'>, b: Pick<Topic, 'order' | 'id'>): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** All topics in board order; archived ones only when asked for. */
export function listTopics(doc: Y.Doc, options: { includeArchived?: boolean } = {}): Topic[] {
  const topics: Topic[] = [];
  topicsRoot(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const topic = readTopicMap(id, map);
    if (topic.archived && !options.includeArchived) return;
    topics.push(topic);
  });
  return topics.sort(compareTopics);
}

/** One topic, or null when there is none with that id. */
export function getTopic(doc: Y.Doc, id: string): Topic | null {
  const map = topicsRoot(doc).get(id);
  return map instanceof Y.Map ? readTopicMap(id, map) : null;
}

/** The collaborative notes of a topic, for binding to an editor. */
export function topicNotes(doc: Y.Doc, id: string): Y.Text | null {
  const notes = topicsRoot(doc).get(id)?.get('notes');
  return notes instanceof Y.Text ? notes : null;
}

/** Keys of a topic map that hold execution data, editable in every status (the steps, the opinion, the notes). */
const EXECUTION_KEYS: ReadonlySet<string> = new Set(['notes', ...TOPIC_PART_KEYS]);

/**
 * Whether a change at a place of a plan document is plan content, frozen from approval on (DOMAIN.md
 * step 5): adding or removing a topic, or any other key of a topic map (its fields, archive flag, board
 * order). Execution data (steps, the opinion and its rectification items, notes) and everything outside
 * the topics stay editable. `keys` are the map keys from the root down: `[topicId, key in the topic, …]`.
 */
export function isPlanContentPath(root: string, keys: readonly string[]): boolean {
  if (root !== ROOT_TOPICS) return false;
  const key = keys[1];
  return key === undefined || !EXECUTION_KEYS.has(key);
}

// Web Crypto is a global in browsers and in Node 20; the domain package is compiled without DOM or Node types.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 36^12 ≈ 5·10^18 ids: a collision within one plan is not a practical concern. */
const TOPIC_ID_LENGTH = 12;
/** Keystrokes closer together than this undo as one step. */
const UNDO_CAPTURE_MS = 500;

/** A random topic id: short, URL-safe, unique enough for one plan. */
export function newTopicId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TOPIC_ID_LENGTH));
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

/** A key fractional-indexing accepts, or null: any editor can write any value into a topic's order. */
function usableOrderKey(key: string | null): string | null {
  if (key === null) return null;
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return null;
  }
}

/**
 * An order key strictly between two neighbours (either may be null for the ends). A neighbour whose key is
 * not a valid order key (written by a broken or hostile client; found by the fuzzer) counts as an end,
 * so adding a topic never fails because of another topic's data.
 */
export function orderBetween(rawBefore: string | null, rawAfter: string | null): string {
  const before = usableOrderKey(rawBefore);
  const after = usableOrderKey(rawAfter);
  if (before !== null && after !== null && before >= after) {
    // Equal keys come from concurrent inserts at one spot: place after `before`.
    return generateKeyBetween(before, null);
  }
  return generateKeyBetween(before, after);
}

/** Where to put a topic: between two neighbours by id (either may be absent for the ends). */
export type Placement = { afterId?: string | null; beforeId?: string | null };

function orderFor(doc: Y.Doc, placement: Placement): string {
  const orderOf = (id: string | null | undefined) => (id ? (getTopic(doc, id)?.order ?? null) : null);
  let before = orderOf(placement.afterId);
  let after = orderOf(placement.beforeId);
  if (placement.afterId === undefined && placement.beforeId === undefined) {
    const all = listTopics(doc, { includeArchived: true });
    before = all.at(-1)?.order ?? null;
    after = null;
  }
  return orderBetween(before, after);
}

/** Adds a topic and returns its id. Validates the input; throws a ZodError on bad input. */
export function addTopic(
  doc: Y.Doc,
  input: NewTopic,
  options: Placement & { id?: string; author?: string; origin?: unknown; now?: number } = {},
): string {
  const { notes, ...fields } = NewTopic.parse(input);
  const id = options.id ?? newTopicId();
  doc.transact(() => {
    const map: TopicMap = new Y.Map();
    const values: TopicFields = { ...TOPIC_DEFAULTS, ...fields };
    for (const key of TOPIC_FIELDS) map.set(key, values[key]);
    map.set('order', orderFor(doc, options));
    map.set('archived', false);
    map.set('createdAt', options.now ?? Date.now());
    map.set('createdBy', options.author ?? '');
    map.set('notes', new Y.Text(notes ?? ''));
    topicsRoot(doc).set(id, map);
    // Steps and opinion exist from the start, so peers never race to create them.
    ensureTopicParts(map);
  }, options.origin);
  return id;
}

/** Changes some fields of a topic. Only fields whose value differs are written, so concurrent edits of other fields survive. */
export function updateTopic(doc: Y.Doc, id: string, patch: Partial<TopicFields>, origin?: unknown): void {
  const map = requireTopic(topicsRoot(doc), id);
  const valid = TopicFields.partial().parse(patch);
  doc.transact(() => {
    for (const [key, value] of Object.entries(valid)) if (value !== undefined) setIfChanged(map, key, value);
  }, origin);
}

/** Moves a topic between neighbours, optionally changing fields at the same time (e.g. the month of the column it was dropped in). */
export function moveTopic(
  doc: Y.Doc,
  id: string,
  placement: Placement,
  patch: Partial<TopicFields> = {},
  origin?: unknown,
): void {
  const map = requireTopic(topicsRoot(doc), id);
  doc.transact(() => {
    updateTopic(doc, id, patch, origin);
    map.set('order', orderFor(doc, placement));
  }, origin);
}

/** Archives a topic: it leaves the board but stays in the document and can be restored. Topics are never hard-deleted. */
export function archiveTopic(doc: Y.Doc, id: string, origin?: unknown): void {
  setArchived(doc, id, true, origin);
}

/** Brings an archived topic back onto the board. */
export function restoreTopic(doc: Y.Doc, id: string, origin?: unknown): void {
  setArchived(doc, id, false, origin);
}

function setArchived(doc: Y.Doc, id: string, archived: boolean, origin: unknown): void {
  const map = requireTopic(topicsRoot(doc), id);
  doc.transact(() => map.set('archived', archived), origin);
}

/**
 * Gives every topic of an older document the parts newer code expects (steps, opinion, rectification items).
 * The server calls it once when it loads a document, before any peer syncs; it writes nothing when there is
 * nothing to add, and returns how many topics it upgraded.
 */
export function upgradePlanDoc(doc: Y.Doc, origin?: unknown): number {
  let upgraded = 0;
  doc.transact(() => {
    topicsRoot(doc).forEach((map) => {
      if (map instanceof Y.Map && ensureTopicParts(map)) upgraded += 1;
    });
  }, origin);
  return upgraded;
}

/** An undo manager over the whole plan that tracks only changes made locally with the given origin. */
export function createPlanUndoManager(doc: Y.Doc, localOrigin: unknown = null): Y.UndoManager {
  return new Y.UndoManager([topicsRoot(doc)], {
    trackedOrigins: new Set([localOrigin]),
    captureTimeout: UNDO_CAPTURE_MS,
  });
}
