import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTopic, createPlanDoc } from '@yipan/domain';
import { MalformedFrameError } from './MalformedFrameError';
import { validateUpdate } from './validateUpdate';

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
});
