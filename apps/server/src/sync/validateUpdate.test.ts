import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { addTopic, createPlanDoc } from '@yipan/domain';
import { MalformedFrameError } from './MalformedFrameError';
import { validateUpdate } from './validateUpdate';
import { encodeSyncStep2 } from './messages';

/**
 * A hand-encoded update (Yjs v1) of one string item of `client` at clock 0, with an origin if given: what
 * Yjs' encoder never writes (an empty item, an item that is its own origin), as a hostile client may.
 */
function oneItemUpdate(client: number, text: string, origin?: { client: number; clock: number }): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of [1, 1, client, 0]) encoding.writeVarUint(encoder, value);
  encoding.writeUint8(encoder, 4 | (origin ? 0x80 : 0));
  if (origin) {
    encoding.writeVarUint(encoder, origin.client);
    encoding.writeVarUint(encoder, origin.clock);
  } else {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, 'scratch');
  }
  encoding.writeVarString(encoder, text);
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** The updates a plan document emits while `edit` runs on it. */
function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  edit();
  doc.off('update', record);
  return updates;
}

describe('validateUpdate', () => {
  it('passes real updates, and tells an update that changes nothing from one that does', () => {
    const doc = createPlanDoc();
    const [added] = updatesOf(doc, () => addTopic(doc, { title: '执法检查' }));
    expect(added && validateUpdate(added).isEmpty).toBe(false);
    expect(validateUpdate(Y.encodeStateAsUpdate(new Y.Doc())).isEmpty).toBe(true);
    // A diff against the document's own state vector is the empty update a syncing client sends.
    expect(validateUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))).isEmpty).toBe(true);
  });

  it('passes an update that only deletes, as not empty', () => {
    // Any Yjs document will do: validation knows nothing of the plan's shape.
    const doc = new Y.Doc();
    const text = doc.getText('scratch');
    text.insert(0, '待删除');
    const [deleted] = updatesOf(doc, () => text.delete(0, 1));
    expect(deleted && Y.decodeUpdate(deleted).structs).toEqual([]);
    expect(deleted && validateUpdate(deleted).isEmpty).toBe(false);
  });

  it('refuses garbage and an update cut short before its delete set', () => {
    const doc = createPlanDoc();
    addTopic(doc, { title: '注入的议题' });
    const truncated = Y.encodeStateAsUpdate(doc).slice(0, -1);
    expect(() => validateUpdate(truncated)).toThrow(MalformedFrameError);
    expect(() => validateUpdate(new Uint8Array([0x80]))).toThrow(MalformedFrameError);
    expect(() => validateUpdate(new Uint8Array([5, 0xff, 0xff, 0xff, 0x03, 0x42]))).toThrow(
      MalformedFrameError,
    );
  });

  it('refuses empty structs and items that refer to themselves (found by fuzzing)', () => {
    expect(validateUpdate(oneItemUpdate(7, 'ok')).isEmpty).toBe(false);
    expect(() => validateUpdate(oneItemUpdate(7, ''))).toThrow(/empty struct/);
    expect(() => validateUpdate(oneItemUpdate(7, 'self', { client: 7, clock: 0 }))).toThrow(
      MalformedFrameError,
    );
    expect(() => validateUpdate(oneItemUpdate(7, 'later', { client: 7, clock: 5 }))).toThrow(
      /refers to itself/,
    );
  });
});

describe('encodeSyncStep2', () => {
  it('sends what the document integrated, never the structs Yjs keeps pending', () => {
    const doc = new Y.Doc();
    doc.getText('scratch').insert(0, '已有');
    // An item after a gap in its client's clocks waits in the pending store.
    const gap = oneItemUpdate(9, 'pending', { client: 12345, clock: 3 });
    Y.applyUpdate(doc, gap);
    expect(doc.store.pendingStructs).not.toBeNull();
    const peer = new Y.Doc();
    const frame = encodeSyncStep2(doc, Y.encodeStateVector(peer));
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder); // message type
    decoding.readVarUint(decoder); // sync step 2
    const update = decoding.readVarUint8Array(decoder);
    Y.applyUpdate(peer, update);
    expect(peer.getText('scratch').toString()).toBe('已有');
    expect(peer.store.pendingStructs).toBeNull();
    expect(Y.decodeUpdate(update).structs.some((struct) => struct.id.client === 9)).toBe(false);
    // The pending store is left as it was.
    expect(doc.store.pendingStructs).not.toBeNull();
  });
});
