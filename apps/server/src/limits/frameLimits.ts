import * as decoding from 'lib0/decoding';
import { CloseCode } from '@yipan/protocol';
import { MessageType } from '../sync/messages';
import { LimitExceededError } from './LimitExceededError';

/**
 * Bytes of an awareness frame besides the state itself: the message type, the payload length, the entry
 * count, the client id and the clock (varints of at most 5–10 bytes each).
 */
const AWARENESS_FRAME_OVERHEAD_BYTES = 64;
/**
 * A frame holds at most this many states' worth of bytes: room for a client echoing a full room's
 * presence (400 users at ~200 bytes is 80 KB), while a hostile client cannot push megabytes of made-up
 * states per frame for the server to relay.
 */
const AWARENESS_FRAME_STATES_MAX = 64;

/**
 * Refuses an awareness frame holding a state over the limit, before the states are parsed. A frame
 * within one state's size passes at once. A larger one is allowed only as several states each within
 * the limit: the y-websocket provider sends back every update it receives, so a client echoes the
 * states of all the others (when it joins, and the server's merged broadcasts of a turn) in one frame.
 */
export function checkAwarenessFrame(frame: Uint8Array, maxStateBytes: number): void {
  // Message types are single-byte varints: the first byte is the type.
  if (frame[0] !== MessageType.awareness) return;
  if (frame.byteLength <= maxStateBytes + AWARENESS_FRAME_OVERHEAD_BYTES) return;
  if (frame.byteLength > maxStateBytes * AWARENESS_FRAME_STATES_MAX || !statesWithin(frame, maxStateBytes))
    throw new LimitExceededError('awareness_too_large', CloseCode.tooLarge);
}

/** Whether every state of an awareness frame is at most `maxStateBytes` of JSON; a frame that does not decode is left to the validation. */
function statesWithin(frame: Uint8Array, maxStateBytes: number): boolean {
  const decoder = decoding.createDecoder(frame);
  try {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      const length = decoding.readVarUint(decoder);
      if (length > maxStateBytes) return false;
      // The state's bytes are skipped, not decoded.
      decoder.pos += length;
    }
  } catch {
    return true;
  }
  return true;
}
