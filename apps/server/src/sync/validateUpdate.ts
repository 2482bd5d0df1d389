import * as Y from 'yjs';
import { MalformedFrameError } from './MalformedFrameError';

/**
 * Guid of the scratch documents updates are tried on. Fixed, because the default guid is a uuidv4
 * drawn from 31 `crypto.getRandomValues` calls: ~42 % of the server's CPU under sustained writes.
 * The guid only names subdocuments, and a scratch document is never shared or synced.
 */
const SCRATCH_GUID = 'yipan:validate';

/** What a validated update carries: whether it would change anything at all. */
export type ValidatedUpdate = { update: Uint8Array; isEmpty: boolean };

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
  // A scratch document catches what decoding alone lets through (content that cannot be integrated).
  try {
    Y.applyUpdate(new Y.Doc({ gc: false, guid: SCRATCH_GUID }), update);
  } catch (error) {
    throw new MalformedFrameError(
      `Yjs update does not apply: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { update, isEmpty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}
