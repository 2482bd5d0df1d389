import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { diffText, transformIndex } from './bindTextarea';

/** The delta of one change made to a Y.Text holding `before`. */
function deltaOf(before: string, change: (text: Y.Text) => void): Y.YTextEvent['delta'] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  let delta: Y.YTextEvent['delta'] = [];
  text.observe((event) => {
    delta = event.delta;
  });
  change(text);
  return delta;
}

describe('textarea ↔ Y.Text binding', () => {
  it('turns a textarea change into one minimal edit', () => {
    expect(diffText('执行难', '执行难问题')).toEqual({ index: 3, remove: 0, insert: '问题' });
    expect(diffText('abcdef', 'abXYef')).toEqual({ index: 2, remove: 2, insert: 'XY' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
    expect(diffText('same', 'same')).toBeNull();
  });

  it('keeps the caret on its character when others type before or after it', () => {
    const caret = 4; // in "重点内容|备注"
    expect(
      transformIndex(
        caret,
        deltaOf('重点内容备注', (t) => t.insert(0, '【甲】')),
      ),
    ).toBe(7);
    expect(
      transformIndex(
        caret,
        deltaOf('重点内容备注', (t) => t.insert(5, '乙')),
      ),
    ).toBe(4);
    expect(
      transformIndex(
        caret,
        deltaOf('重点内容备注', (t) => t.delete(0, 2)),
      ),
    ).toBe(2);
    expect(
      transformIndex(
        caret,
        deltaOf('重点内容备注', (t) => t.delete(2, 4)),
      ),
    ).toBe(2);
  });

  it('leaves the caret before text inserted exactly at it, unless asked to push it', () => {
    const delta = deltaOf('abcd', (t) => t.insert(2, 'XY'));
    expect(transformIndex(2, delta)).toBe(2);
    expect(transformIndex(2, delta, true)).toBe(4);
  });
});
