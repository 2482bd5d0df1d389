import * as decoding from 'lib0/decoding';
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
