import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedFrameError } from './MalformedFrameError';

/** One client's entry in an awareness update. `state` null means the client left. */
export type AwarenessEntry = { clientId: number; clock: number; state: unknown };

/**
 * Decodes an awareness update completely before it is applied. `applyAwarenessUpdate` parses and
 * applies entry by entry, so a bad entry after good ones would leave the room's awareness half-changed.
 * Entries `isEcho` recognises (a state exactly as the server sent it, so known to be valid JSON) are
 * checked for framing only, not parsed, and left out of the result.
 */
export function validateAwarenessUpdate(
  update: Uint8Array,
  isEcho?: (clientId: number, clock: number, json: string) => boolean,
): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (isEcho?.(clientId, clock, json)) continue;
      const state: unknown = JSON.parse(json);
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return entries;
  } catch (error) {
    throw new MalformedFrameError(
      `invalid awareness update: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Encodes entries as an awareness update (the inverse of validateAwarenessUpdate), to apply some of a frame's entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
