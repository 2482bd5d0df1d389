import * as Y from 'yjs';
import { MalformedFrameError } from './MalformedFrameError';

/**
 * Guid of the scratch documents updates are tried on. Fixed, because the default guid is a uuidv4
 * drawn from 31 `crypto.getRandomValues` calls: ~42 % of the server's CPU under sustained writes.
 * The guid only names subdocuments, and a scratch document is never shared or synced.
 */
const SCRATCH_GUID = 'yipan:validate';

/**
 * What a validated update carries: whether it would change anything at all, and the Yjs client ids it
 * writes under (of its structs; a deletion may name anyone's changes).
 */
export type ValidatedUpdate = { update: Uint8Array; isEmpty: boolean; writers: ReadonlySet<number> };

/**
 * Decodes a Yjs update completely before it may touch a live document. `Y.applyUpdate` integrates
 * structs before it reads the delete set, so garbage after a valid prefix would leave the document
 * half-changed; a full decode first makes a bad update fail while nothing has been applied.
 */
export function validateUpdate(update: Uint8Array): ValidatedUpdate {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new MalformedFrameError(
      `invalid Yjs update: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const writers = new Set<number>();
  for (const struct of decoded.structs) {
    const flaw = structFlaw(struct);
    if (flaw) throw new MalformedFrameError(`invalid Yjs update: ${flaw}`);
    // A skip only marks a gap in a merged update; it takes no clock of its client.
    if (!(struct instanceof Y.Skip)) writers.add(struct.id.client);
  }
  // A scratch document catches what decoding alone lets through (content that cannot be integrated).
  // In an empty document only a client's changes from clock 0 can integrate: an update holding none
  // (a keystroke, a field set: nearly every update) would only be set aside there, so it is not tried.
  if (decoded.structs.some((struct) => struct.id.clock === 0))
    try {
      Y.applyUpdate(new Y.Doc({ gc: false, guid: SCRATCH_GUID }), update);
    } catch (error) {
      throw new MalformedFrameError(
        `Yjs update does not apply: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  return { update, isEmpty: decoded.structs.length === 0 && decoded.ds.clients.size === 0, writers };
}

/**
 * What Yjs' own encoder never writes and its decoder lets through: a struct of length zero (it occupies
 * no clock, so Yjs' clock bookkeeping breaks on it), or an item whose origin, right origin or parent is
 * itself or a later change of its own client (it could never be placed; Yjs throws or waits forever).
 */
function structFlaw(struct: Y.Item | Y.GC | Y.Skip): string | null {
  if (struct.length <= 0) return 'empty struct';
  if (!(struct instanceof Y.Item)) return null;
  const { client, clock } = struct.id;
  const refersForward = (id: Y.ID | null) => id !== null && id.client === client && id.clock >= clock;
  const parent: unknown = struct.parent;
  if (refersForward(struct.origin) || refersForward(struct.rightOrigin)) return 'item refers to itself';
  if (parent instanceof Y.ID && refersForward(parent)) return 'item is its own parent';
  return null;
}
