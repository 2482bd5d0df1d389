import { describe, expect, it } from 'vitest';
import { FOLLOWING, reconcile, selectItem, viewedItemId } from './following';

describe('following the presenter', () => {
  it('shows the focus while following, wherever it moves', () => {
    expect(viewedItemId(FOLLOWING, 'a')).toBe('a');
    expect(viewedItemId(FOLLOWING, 'b')).toBe('b');
  });

  it('breaks away to another item and stays there when the focus moves on', () => {
    const away = selectItem('c', 'a');
    expect(away).toEqual({ following: false, localItemId: 'c' });
    expect(viewedItemId(away, 'b')).toBe('c');
  });

  it('follows again when the focused item itself is picked', () => {
    expect(selectItem('a', 'a')).toEqual(FOLLOWING);
  });

  it('follows again once the focus comes to the item shown here', () => {
    const away = selectItem('c', 'a');
    expect(reconcile(away, 'b')).toBe(away);
    expect(reconcile(away, 'c')).toEqual(FOLLOWING);
    expect(reconcile(FOLLOWING, 'c')).toBe(FOLLOWING);
  });
});
