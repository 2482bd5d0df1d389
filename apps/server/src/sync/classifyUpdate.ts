import * as Y from 'yjs';
import { isPlanContentPath } from '@yipan/domain';

/**
 * Decides, before an update is applied, whether it touches the plan content of a frozen plan (a topic
 * added or removed, a topic field, its archive flag or order) or only execution data (steps, opinions,
 * rectification items, notes). The domain says which places are plan content (`isPlanContentPath`);
 * this module finds where each change of an encoded update lands in the room's document.
 */

/** Deepest nesting followed from an item up to its root; a plan document is a few levels deep, more is abuse. */
const MAX_DEPTH = 64;

/** Where a change lands: the root's name and the map keys from it down (array positions leave no key). */
type Place = { root: string; keys: string[] };

/** An item's container: a root by name, or the item holding the nested type, with the key it sits under. */
type Parent = { root: string; sub: string | null } | { container: Y.Item; sub: string | null };

/** Items of the update itself by client, in clock order (decodeUpdate yields them so). */
type OwnItems = Map<number, Y.Item[]>;

/** What an update does to the plan content. */
export type UpdateClass = 'execution' | 'plan_content';

/**
 * Classifies an update against the document it would be applied to. Anything whose place cannot be
 * resolved (a parent neither in the document nor in the update) counts as plan content: a frozen
 * plan refuses what it cannot place. So does an update that builds on changes the document lacks (it
 * would wait in Yjs' pending store, unplaced): that is what a client sends after one of its edits was
 * refused, until it reloads.
 */
export function classifyUpdate(doc: Y.Doc, update: Uint8Array): UpdateClass {
  const { structs, ds } = Y.decodeUpdate(update);
  const own: OwnItems = new Map();
  const firstClock = new Map<number, number>();
  for (const struct of structs) {
    if (!firstClock.has(struct.id.client)) firstClock.set(struct.id.client, struct.id.clock);
    if (!(struct instanceof Y.Item)) continue;
    const list = own.get(struct.id.client) ?? [];
    list.push(struct);
    own.set(struct.id.client, list);
  }
  for (const [client, clock] of firstClock) if (clock > Y.getState(doc.store, client)) return 'plan_content';
  const resolver = new PlaceResolver(doc, own);
  for (const list of own.values())
    for (const item of list) if (resolver.isPlanContent(item)) return 'plan_content';
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (const item of storedItemsIn(doc, client, clock, clock + len))
        if (!item.deleted && resolver.isPlanContent(item)) return 'plan_content';
    }
  }
  return 'execution';
}

/** The items of the document's store for one client whose clocks overlap [start, end). */
function storedItemsIn(doc: Y.Doc, client: number, start: number, end: number): Y.Item[] {
  const structs = doc.store.clients.get(client);
  if (!structs || start >= Y.getState(doc.store, client)) return [];
  const items: Y.Item[] = [];
  for (let index = Y.findIndexSS(structs, start); index < structs.length; index += 1) {
    const struct = structs[index];
    if (!struct || struct.id.clock >= end) break;
    if (struct instanceof Y.Item) items.push(struct);
  }
  return items;
}

/** Finds the place of items, from the document or the update itself, remembering what it found. */
class PlaceResolver {
  private readonly rootNames = new Map<unknown, string>();
  private readonly places = new Map<Y.Item, Place | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly own: OwnItems,
  ) {
    doc.share.forEach((type, name) => this.rootNames.set(type, name));
  }

  isPlanContent(item: Y.Item): boolean {
    const place = this.place(item, 0);
    return place === null || isPlanContentPath(place.root, place.keys);
  }

  private place(item: Y.Item, depth: number): Place | null {
    if (this.places.has(item)) return this.places.get(item) ?? null;
    const place = depth > MAX_DEPTH ? null : this.computePlace(item, depth);
    this.places.set(item, place);
    return place;
  }

  private computePlace(item: Y.Item, depth: number): Place | null {
    const parent = this.parentOf(item, depth);
    if (parent === null) return null;
    const tail = parent.sub === null ? [] : [parent.sub];
    if ('root' in parent) return { root: parent.root, keys: tail };
    const above = this.place(parent.container, depth + 1);
    return above && { root: above.root, keys: [...above.keys, ...tail] };
  }

  /** The container of an item. An encoded item that omits it shares its origin's (or right origin's). */
  private parentOf(item: Y.Item, depth: number): Parent | null {
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) {
      const root = this.rootNames.get(parent);
      if (root !== undefined) return { root, sub: item.parentSub };
      const container = parent._item;
      return container ? { container, sub: item.parentSub } : null;
    }
    if (typeof parent === 'string') return { root: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const container = this.find(parent);
      return container ? { container, sub: item.parentSub } : null;
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId && this.find(neighbourId);
    if (!neighbour || neighbour === item || depth > MAX_DEPTH) return null;
    return this.parentOf(neighbour, depth + 1);
  }

  /** The item containing an id: the update's own first (it may build on itself), then the document's. */
  private find(id: Y.ID): Y.Item | null {
    for (const item of this.own.get(id.client) ?? [])
      if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    const [stored] = storedItemsIn(this.doc, id.client, id.clock, id.clock + 1);
    return stored ?? null;
  }
}
