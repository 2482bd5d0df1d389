import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MalformedFrameError } from './MalformedFrameError';
import { validateAwarenessUpdate } from './validateAwarenessUpdate';
import { validateUpdate } from './validateUpdate';

describe('validateAwarenessUpdate', () => {
  it('accepts what y-protocols encodes', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: '张三' } });
    const entries = validateAwarenessUpdate(encodeAwarenessUpdate(awareness, [awareness.clientID]));
    expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: { user: { name: '张三' } } }]);
    awareness.destroy();
  });

  it('rejects broken JSON after a valid entry, and trailing bytes', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    for (const json of ['{"ok":true}', '{"broken":']) {
      encoding.writeVarUint(encoder, 7);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, json);
    }
    expect(() => validateAwarenessUpdate(encoding.toUint8Array(encoder))).toThrow(MalformedFrameError);
    expect(() => validateAwarenessUpdate(new Uint8Array([0, 0]))).toThrow(MalformedFrameError);
  });
});

describe('validateUpdate', () => {
  it('accepts real updates and recognises empty ones', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    expect(validateUpdate(Y.encodeStateAsUpdate(doc)).isEmpty).toBe(false);
    expect(validateUpdate(Y.encodeStateAsUpdate(new Y.Doc())).isEmpty).toBe(true);
  });

  it('rejects an update whose delete set is cut off, which Y.applyUpdate would half-apply', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    const truncated = Y.encodeStateAsUpdate(doc).slice(0, -1);
    expect(() => validateUpdate(truncated)).toThrow(MalformedFrameError);
  });
});
