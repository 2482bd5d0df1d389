import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocSizeGuard } from './DocSizeGuard';

describe('DocSizeGuard', () => {
  it('admits updates while the measured state stays under the limit, even when the estimate says otherwise', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(1_000));
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    // Loaded from rows that add up to far more than the state (history that merged away).
    const guard = new DocSizeGuard(doc, size + 500, 50_000);
    expect(guard.admits(400)).toBe(true);
    expect(guard.admits(600)).toBe(false);
    guard.grew(400);
    doc.getText('t').insert(0, 'y'.repeat(400));
    expect(guard.admits(200)).toBe(false);
  });
});
