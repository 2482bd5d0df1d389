import { CloseCode } from '@yipan/protocol';
import { MessageType } from '../sync/messages';
import { LimitExceededError } from './LimitExceededError';

/**
 * Bytes of an awareness frame besides the state itself: the message type, the payload length, the entry
 * count, the client id and the clock (varints of at most 5–10 bytes each).
 */
const AWARENESS_FRAME_OVERHEAD_BYTES = 64;

/**
 * Refuses an awareness frame whose state is over the limit, before it is decoded. A client sends only its
 * own state, so the frame's size bounds that state's size.
 */
export function checkAwarenessFrame(frame: Uint8Array, maxStateBytes: number): void {
  // Message types are single-byte varints: the first byte is the type.
  if (frame[0] !== MessageType.awareness) return;
  if (frame.byteLength > maxStateBytes + AWARENESS_FRAME_OVERHEAD_BYTES)
    throw new LimitExceededError('awareness_too_large', CloseCode.tooLarge);
}
