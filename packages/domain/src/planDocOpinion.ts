import * as Y from 'yjs';
import { z } from 'zod';
import { IsoDate } from './dates';
import { DomainError } from './errors';
import { newTopicId, SHORT_TEXT_MAX, topicsRoot } from './planDoc';
import {
  ensureTopicParts,
  findById,
  itemsOf,
  opinionOf,
  opinionPlainTextOf,
  opinionTextOf,
  readOr,
  requireTopic,
  setIfChanged,
  uniqueMaps,
} from './planDocParts';
import {
  checkRectificationTransition,
  Rating,
  RECTIFICATION_NOTE_MAX,
  RectificationDetail,
  RectificationState,
} from './rectification';
import { lazySchema } from './lazySchema';

/**
 * A topic's deliberation opinion in the plan document: a Y.Map holding the opinion text (Y.Text) and its
 * rectification items (a Y.Array of Y.Maps). Items change state only through the rectification state machine.
 */

/** Longest opinion text: a few pages. */
export const OPINION_TEXT_MAX = 20_000;

/** One check during tracking (回头看): when, by whom, and what was found. */
export const LookBack = lazySchema(() =>
  z.object({
    at: z.number().int().min(0),
    by: z.string().trim().min(1).max(SHORT_TEXT_MAX),
    note: z.string().trim().max(RECTIFICATION_NOTE_MAX),
  }),
);
export type LookBack = z.infer<typeof LookBack>;

/**
 * One recorded state change of an item. A rating, evidence and who closed it on site are kept on the event
 * too, so that the timeline still shows a failed first rating after the item was rated again.
 */
export const RectificationEvent = lazySchema(() =>
  z.object({
    from: RectificationState,
    to: RectificationState,
    at: z.number().int().min(0),
    by: z.string(),
    note: z.string().optional(),
    rating: Rating.optional(),
    evidence: z.string().optional(),
    closedBy: z.string().optional(),
  }),
);
export type RectificationEvent = z.infer<typeof RectificationEvent>;

/** What a caller gives to add an item to an opinion. */
export const NewRectificationItem = lazySchema(() =>
  z.object({
    content: z.string().trim().min(1).max(RECTIFICATION_NOTE_MAX),
    responsibleBody: z.string().trim().max(SHORT_TEXT_MAX).default(''),
    deadline: IsoDate.nullable().default(null),
  }),
);
export type NewRectificationItem = z.input<typeof NewRectificationItem>;

/** One item of an opinion as read. `closedBy`/`closedAt` are only set on a closed item. */
export type RectificationItem = {
  id: string;
  content: string;
  responsibleBody: string;
  deadline: IsoDate | null;
  state: RectificationState;
  rating: Rating | null;
  lookBacks: LookBack[];
  closedBy: string;
  closedAt: number | null;
  evidence: string;
  createdAt: number;
  history: RectificationEvent[];
};

/** A topic's opinion; `createdAt` is null until text was set. */
export type Opinion = { text: string; createdAt: number | null; items: RectificationItem[] };

function readList<T>(schema: z.ZodType<T>, value: unknown): T[] {
  if (!(value instanceof Y.Array)) return [];
  return (value.toArray() as unknown[]).flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

function readItem(map: Y.Map<unknown>): RectificationItem {
  const state = readOr(RectificationState, map.get('state'), 'drafting');
  const closed = state === 'closed';
  return {
    id: String(map.get('id')),
    content: readOr(z.string(), map.get('content'), ''),
    responsibleBody: readOr(z.string(), map.get('responsibleBody'), ''),
    deadline: readOr(IsoDate.nullable(), map.get('deadline'), null),
    state,
    rating: readOr(Rating.nullable(), map.get('rating'), null),
    lookBacks: readList(LookBack, map.get('lookBacks')),
    closedBy: closed ? readOr(z.string(), map.get('closedBy'), '') : '',
    closedAt: closed ? readOr(z.number().nullable(), map.get('closedAt'), null) : null,
    evidence: readOr(z.string(), map.get('evidence'), ''),
    createdAt: readOr(z.number(), map.get('createdAt'), 0),
    history: readList(RectificationEvent, map.get('history')),
  };
}

/** A topic's opinion and its items; null for an unknown topic or one without any opinion yet. */
export function readOpinion(doc: Y.Doc, topicId: string): Opinion | null {
  const topic = topicsRoot(doc).get(topicId);
  if (!(topic instanceof Y.Map)) return null;
  const text = opinionTextOf(topic)?.toString() ?? opinionPlainTextOf(topic);
  const createdAt = readOr(z.number().nullable(), opinionOf(topic)?.get('createdAt'), null);
  const items = uniqueMaps(itemsOf(topic)).map(readItem);
  if (!text && createdAt === null && items.length === 0) return null;
  return { text, createdAt, items };
}

/** The collaborative opinion text, for binding to an editor; null for an unknown topic. */
export function opinionText(doc: Y.Doc, topicId: string): Y.Text | null {
  const topic = topicsRoot(doc).get(topicId);
  return topic instanceof Y.Map ? opinionTextOf(topic) : null;
}

/** Replaces a topic's opinion text (e.g. from an import); the first time, records when the opinion was made. */
export function setOpinion(
  doc: Y.Doc,
  topicId: string,
  input: { text: string; createdAt?: number },
  origin?: unknown,
): void {
  const text = z.string().max(OPINION_TEXT_MAX).parse(input.text);
  const topic = requireTopic(topicsRoot(doc), topicId);
  doc.transact(() => {
    ensureTopicParts(topic);
    const target = opinionTextOf(topic);
    if (target && target.toString() !== text) {
      target.delete(0, target.length);
      target.insert(0, text);
    }
    const opinion = opinionOf(topic);
    if (input.createdAt !== undefined) opinion?.set('createdAt', input.createdAt);
    else if (typeof opinion?.get('createdAt') !== 'number') opinion?.set('createdAt', Date.now());
  }, origin);
}

/** Adds an item in `drafting` to a topic's opinion and returns its id. Throws a ZodError on bad input. */
export function addRectificationItem(
  doc: Y.Doc,
  topicId: string,
  input: NewRectificationItem,
  options: { id?: string; now?: number; origin?: unknown } = {},
): string {
  const valid = NewRectificationItem.parse(input);
  const topic = requireTopic(topicsRoot(doc), topicId);
  const id = options.id ?? newTopicId();
  doc.transact(() => {
    ensureTopicParts(topic);
    const map = new Y.Map<unknown>();
    itemsOf(topic)?.push([map]);
    map.set('id', id);
    map.set('content', valid.content);
    map.set('responsibleBody', valid.responsibleBody);
    map.set('deadline', valid.deadline);
    map.set('state', 'drafting');
    map.set('rating', null);
    map.set('lookBacks', new Y.Array());
    map.set('history', new Y.Array());
    map.set('evidence', '');
    map.set('createdAt', options.now ?? Date.now());
  }, options.origin);
  return id;
}

function requireItem(doc: Y.Doc, topicId: string, itemId: string): Y.Map<unknown> {
  const item = findById(itemsOf(requireTopic(topicsRoot(doc), topicId)), itemId);
  if (!item) throw new DomainError('item_not_found', `rectification item ${itemId} not found`);
  return item;
}

/** Changes an item's content, responsible body or deadline. Throws a ZodError on bad input. */
export function updateRectificationItem(
  doc: Y.Doc,
  topicId: string,
  itemId: string,
  patch: Partial<{ content: string; responsibleBody: string; deadline: IsoDate | null }>,
  origin?: unknown,
): void {
  const valid = NewRectificationItem.partial().parse(patch);
  const item = requireItem(doc, topicId, itemId);
  doc.transact(() => {
    for (const [key, value] of Object.entries(valid)) if (value !== undefined) setIfChanged(item, key, value);
  }, origin);
}

/** Appends a value to a list inside an item, creating the list if a faulty writer left none. */
function appendTo(item: Y.Map<unknown>, key: string, value: unknown): void {
  let list = item.get(key);
  if (!(list instanceof Y.Array)) list = item.set(key, new Y.Array());
  (list as Y.Array<unknown>).push([value]);
}

/**
 * Moves an item to another state, as the rectification state machine allows (a rating to rate, a finding to
 * reopen after a look-back); records the change in the item's history. Throws a DomainError with the code.
 */
export function advanceRectificationItem(
  doc: Y.Doc,
  topicId: string,
  itemId: string,
  to: RectificationState,
  detail: RectificationDetail,
  options: { passPercent?: number; origin?: unknown } = {},
): void {
  const item = requireItem(doc, topicId, itemId);
  const current = readItem(item);
  const check = checkRectificationTransition(current, to, detail, options.passPercent);
  if (!check.ok)
    throw new DomainError(check.code, `cannot move item ${itemId} from ${current.state} to ${to}`);
  const valid = RectificationDetail.parse(detail);
  doc.transact(() => {
    item.set('state', to);
    if (to === 'rated' && valid.rating) item.set('rating', valid.rating);
    const closedBy = valid.closedBy ?? valid.by;
    if (to === 'closed') {
      item.set('closedBy', closedBy);
      item.set('closedAt', valid.at);
    }
    if (valid.evidence !== undefined) item.set('evidence', valid.evidence);
    const event: RectificationEvent = { from: current.state, to, at: valid.at, by: valid.by };
    if (valid.note) event.note = valid.note;
    if (to === 'rated' && valid.rating) event.rating = valid.rating;
    if (valid.evidence) event.evidence = valid.evidence;
    if (to === 'closed') event.closedBy = closedBy;
    appendTo(item, 'history', event);
  }, options.origin);
}

/** Records a look-back check on an item under tracking (`not_tracking` otherwise). */
export function addLookBack(
  doc: Y.Doc,
  topicId: string,
  itemId: string,
  lookBack: LookBack,
  origin?: unknown,
): void {
  const valid = LookBack.parse(lookBack);
  const item = requireItem(doc, topicId, itemId);
  if (readItem(item).state !== 'tracking')
    throw new DomainError('not_tracking', `item ${itemId} is not under tracking`);
  doc.transact(() => appendTo(item, 'lookBacks', valid), origin);
}

/**
 * Deletes an item that is still being drafted (`item_not_drafting` once the chairs passed it: from then on
 * it is part of the record and only its state moves).
 */
export function removeRectificationItem(doc: Y.Doc, topicId: string, itemId: string, origin?: unknown): void {
  const item = requireItem(doc, topicId, itemId);
  if (readItem(item).state !== 'drafting')
    throw new DomainError('item_not_drafting', `item ${itemId} is no longer a draft`);
  const list = itemsOf(requireTopic(topicsRoot(doc), topicId));
  doc.transact(() => {
    // Concurrent writers may have left duplicates of the id; remove them all.
    for (let index = (list?.length ?? 0) - 1; index >= 0; index -= 1) {
      const entry = list?.get(index);
      if (entry instanceof Y.Map && entry.get('id') === itemId) list?.delete(index, 1);
    }
  }, origin);
}
