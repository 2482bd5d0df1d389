import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwarenessMessage } from '../sync/messages';
import { checkAwarenessFrame } from './frameLimits';
import { DEFAULT_LIMITS } from './limits';
import { LimitExceededError } from './LimitExceededError';

/** A note that makes one state larger than the 8 KB limit (the frame's small overhead included). */
const OVERSIZED_NOTE = 9_000;

/** An awareness frame with the states of several users, each with a note of the given length, as a client echoes them. */
function statesFrame(notes: number[]): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  const clients: number[] = [];
  for (const [i, bytes] of notes.entries()) {
    const user = new awarenessProtocol.Awareness(new Y.Doc());
    user.setLocalState({ user: { name: `用户${i}` }, note: 'x'.repeat(bytes) });
    awarenessProtocol.applyAwarenessUpdate(
      awareness,
      awarenessProtocol.encodeAwarenessUpdate(user, [user.clientID]),
      null,
    );
    clients.push(user.clientID);
    user.destroy();
  }
  const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  awareness.destroy();
  return frame;
}

describe('checkAwarenessFrame', () => {
  const max = DEFAULT_LIMITS.maxAwarenessStateBytes;

  it('lets a client send back the states of many others, each within the limit', () => {
    const echo = statesFrame(Array.from({ length: 100 }, () => 200));
    expect(echo.byteLength).toBeGreaterThan(max);
    expect(() => checkAwarenessFrame(echo, max)).not.toThrow();
  });

  it('refuses a frame with one state over the limit, alone or among small ones', () => {
    expect(() => checkAwarenessFrame(statesFrame([OVERSIZED_NOTE]), max)).toThrow(LimitExceededError);
    expect(() => checkAwarenessFrame(statesFrame([10, 10, OVERSIZED_NOTE, 10]), max)).toThrow(
      LimitExceededError,
    );
  });

  it('refuses a frame of many small states beyond 64 states’ worth of bytes', () => {
    const flood = statesFrame(Array.from({ length: 80 }, () => max - 100));
    expect(() => checkAwarenessFrame(flood, max)).toThrow(LimitExceededError);
  });
});
