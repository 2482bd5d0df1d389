import * as encoding from 'lib0/encoding';

/** One piece of a hand-built y-websocket frame. */
export type FramePart = (encoder: encoding.Encoder) => void;

/** Builds a frame from parts, to send what a stock client would never send. */
export function frame(...parts: FramePart[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
}

/** A varuint (message types, counts, lengths). */
export const uint =
  (value: number): FramePart =>
  (encoder) =>
    encoding.writeVarUint(encoder, value);

/** A length-prefixed byte array (an update or awareness payload). */
export const bytes =
  (value: Uint8Array): FramePart =>
  (encoder) =>
    encoding.writeVarUint8Array(encoder, value);

/** Bytes written as they are, without a length. */
export const raw =
  (value: Uint8Array): FramePart =>
  (encoder) =>
    encoding.writeUint8Array(encoder, value);
