import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { bytes, frame, raw, uint } from '../../support/frames';
import { hostileJson, hostileString, mutateBytes, type Random } from './random';

/** y-websocket message types, and the sync sub-types, as a hostile client may send them. */
const SYNC = 0;
const AWARENESS = 1;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/** A sync step 1 carrying `stateVector`: the server answers it with a step 2, which the fuzzer uses as a ping. */
export function step1Frame(stateVector: Uint8Array): Uint8Array {
  return frame(uint(SYNC), uint(STEP1), bytes(stateVector));
}

/** A sync update frame carrying `update` as it is. */
export function updateFrame(update: Uint8Array, subType = UPDATE): Uint8Array {
  return frame(uint(SYNC), uint(subType), bytes(update));
}

/**
 * A hand-encoded update (Yjs v1) of one string item by `client` at `clock`, to build what Yjs' own encoder
 * never writes: an item whose origin is itself, or an item with no content.
 */
export function craftedItemUpdate(options: {
  client: number;
  clock: number;
  text: string;
  origin?: { client: number; clock: number };
  rightOrigin?: { client: number; clock: number };
}): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, options.client);
  encoding.writeVarUint(encoder, options.clock);
  const contentString = 4;
  const info = contentString | (options.origin ? 0x80 : 0) | (options.rightOrigin ? 0x40 : 0);
  encoding.writeUint8(encoder, info);
  if (options.origin) {
    encoding.writeVarUint(encoder, options.origin.client);
    encoding.writeVarUint(encoder, options.origin.clock);
  }
  if (options.rightOrigin) {
    encoding.writeVarUint(encoder, options.rightOrigin.client);
    encoding.writeVarUint(encoder, options.rightOrigin.clock);
  }
  if (!options.origin && !options.rightOrigin) {
    encoding.writeVarUint(encoder, 1); // parent is a root, by name
    encoding.writeVarString(encoder, 'fuzz');
  }
  encoding.writeVarString(encoder, options.text);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/** An update of one zero-length GC struct: an empty struct, which Yjs' encoder never writes. */
export function emptyGcUpdate(client: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0);
  encoding.writeUint8(encoder, 0); // GC
  encoding.writeVarUint(encoder, 0); // of length 0
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** An awareness update with one entry whose JSON is written as given (so it may be broken or huge). */
function awarenessFrame(
  entries: Array<{ clientId: number; clock: number; json: string }>,
  count = entries.length,
) {
  return frame(uint(AWARENESS), (encoder) => {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, count);
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.clientId);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, entry.json);
    }
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  });
}

/** The kinds of hostile `/yjs` frames, each a generator from the run's randomness and what it has seen. */
export type YjsInputKind =
  | 'random-bytes'
  | 'framing'
  | 'step1-abuse'
  | 'garbage-update'
  | 'mutated-update'
  | 'crafted-struct'
  | 'awareness';

export const YJS_INPUT_KINDS: readonly YjsInputKind[] = [
  'random-bytes',
  'framing',
  'step1-abuse',
  'garbage-update',
  'mutated-update',
  'mutated-update',
  'mutated-update',
  'crafted-struct',
  'awareness',
  'awareness',
];

/** Builds one hostile frame of `kind`. `donors` are valid updates seen so far (honest and the hostile editor's own). */
export function yjsInput(
  random: Random,
  kind: YjsInputKind,
  donors: readonly Uint8Array[],
  hostileClient: number,
  hostileClock: number,
): Uint8Array {
  switch (kind) {
    case 'random-bytes':
      return random.bytes(random.length(4_096));
    case 'framing':
      return random.pick<() => Uint8Array>([
        () => new Uint8Array([0x80]),
        () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
        () => new Uint8Array(),
        () => frame(uint(SYNC)),
        () => frame(uint(SYNC), uint(UPDATE), uint(0x7fffffff), raw(random.bytes(8))),
        () => frame(uint(SYNC), uint(UPDATE), raw(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))),
        () => frame(uint(AWARENESS), uint(2 ** 31), raw(random.bytes(4))),
        () => frame(uint(2 + random.int(250)), bytes(random.bytes(random.length(64)))),
        () => frame(uint(SYNC), uint(3 + random.int(250)), bytes(random.bytes(4))),
        () => frame(uint(3)),
        () => frame(uint(3), raw(random.bytes(random.length(32)))),
      ])();
    case 'step1-abuse':
      return random.pick<() => Uint8Array>([
        () => step1Frame(random.bytes(random.length(64))),
        () => {
          // Claims clocks far ahead for many clients: the answer must stay small and valid.
          const encoder = encoding.createEncoder();
          const count = random.int(200);
          encoding.writeVarUint(encoder, count);
          for (let i = 0; i < count; i++) {
            encoding.writeVarUint(encoder, random.int(2 ** 32));
            encoding.writeVarUint(encoder, random.pick([0, 1, 2 ** 31, 2 ** 53 - 1]));
          }
          return step1Frame(encoding.toUint8Array(encoder));
        },
        () => step1Frame(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f])),
        () => frame(uint(SYNC), uint(STEP1), bytes(new Uint8Array([1, 5]))),
        () => step1Frame(mutateBytes(random, new Uint8Array([1, 1, 0]))),
      ])();
    case 'garbage-update':
      return updateFrame(random.bytes(random.length(512)), random.pick([STEP2, UPDATE]));
    case 'mutated-update': {
      const base = donors.length > 0 ? random.pick(donors) : Y.encodeStateAsUpdate(new Y.Doc());
      const mutated =
        random.chance(0.1) && donors.length > 1 ? Y.mergeUpdates([base, random.pick(donors)]) : base;
      return updateFrame(mutateBytes(random, mutated, donors), random.pick([STEP2, UPDATE]));
    }
    case 'crafted-struct':
      return updateFrame(
        random.pick<() => Uint8Array>([
          () =>
            craftedItemUpdate({
              client: hostileClient,
              clock: hostileClock,
              text: 'self',
              origin: { client: hostileClient, clock: hostileClock + random.int(4) },
            }),
          () =>
            craftedItemUpdate({
              client: hostileClient,
              clock: hostileClock,
              text: 'self',
              rightOrigin: { client: hostileClient, clock: hostileClock },
            }),
          () => craftedItemUpdate({ client: hostileClient, clock: hostileClock, text: '' }),
          () => emptyGcUpdate(hostileClient),
          () =>
            craftedItemUpdate({
              client: hostileClient,
              clock: hostileClock,
              text: 'dangling',
              origin: { client: random.int(2 ** 32), clock: random.int(1_000) },
            }),
          () =>
            craftedItemUpdate({
              client: hostileClient,
              clock: hostileClock + 1 + random.int(50),
              text: 'gap',
            }),
        ])(),
        random.pick([STEP2, UPDATE]),
      );
    case 'awareness':
      return random.pick<() => Uint8Array>([
        () =>
          awarenessFrame([
            {
              clientId: hostileClient,
              clock: random.int(2 ** 31),
              json: JSON.stringify({
                user: { name: hostileString(random, true), color: hostileString(random) },
              }),
            },
          ]),
        () =>
          awarenessFrame([
            {
              clientId: random.int(2 ** 32),
              clock: random.int(10),
              json: JSON.stringify(hostileJson(random)),
            },
          ]),
        () =>
          awarenessFrame([
            { clientId: hostileClient, clock: 1, json: '['.repeat(50_000) + ']'.repeat(50_000) },
          ]),
        () => awarenessFrame([{ clientId: hostileClient, clock: 1, json: '{"user":' }]),
        () => awarenessFrame([{ clientId: hostileClient, clock: 1, json: 'x'.repeat(1_048_576) }]),
        () => awarenessFrame([{ clientId: hostileClient, clock: 2, json: 'null' }], 1 + random.int(5)),
        () => frame(uint(AWARENESS), bytes(mutateBytes(random, encodeOneState(hostileClient)))),
      ])();
  }
}

function encodeOneState(client: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 3);
  encoding.writeVarString(encoder, JSON.stringify({ user: { name: '攻击者', color: '#f00' } }));
  return encoding.toUint8Array(encoder);
}
