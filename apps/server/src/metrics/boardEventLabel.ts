import type { ClientToServerEvents } from '@yipan/protocol';

/**
 * Every event a client may send on `/board`. A Record over the protocol's map, so the compiler fails when
 * an event is added to or removed from ClientToServerEvents without this list following.
 */
const KNOWN_EVENTS: Record<keyof ClientToServerEvents, true> = {
  'plan:watch': true,
  'plan:unwatch': true,
  'meeting:join': true,
  'meeting:leave': true,
  'meeting:focus': true,
  'meeting:summon': true,
  'meeting:follow': true,
  'meeting:timer': true,
  'meeting:hand': true,
  'meeting:hands:clear': true,
  'meeting:vote:open': true,
  'meeting:vote:close': true,
  'meeting:ballot': true,
};

/** Label of events outside the protocol: clients choose event names, so they must not choose label values. */
export const UNKNOWN_EVENT_LABEL = 'unknown';

/** The names of the events clients send on `/board`, from the protocol's map. */
export const BOARD_EVENT_NAMES = Object.keys(KNOWN_EVENTS) as (keyof ClientToServerEvents)[];

/** The `event` label of a client event: its name when the protocol knows it, else `unknown` (bounded cardinality). */
export function boardEventLabel(event: string): string {
  return Object.hasOwn(KNOWN_EVENTS, event) ? event : UNKNOWN_EVENT_LABEL;
}
