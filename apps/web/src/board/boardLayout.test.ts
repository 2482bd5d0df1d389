import { describe, expect, it } from 'vitest';
import {
  columnDropId,
  dropInto,
  moveAcross,
  placementIn,
  samePlacement,
  type ColumnIds,
} from './boardLayout';

const layout: ColumnIds[] = [
  { key: 'unscheduled', ids: ['a', 'b', 'c'] },
  { key: '6', ids: ['d', 'e'] },
  { key: '7', ids: [] },
];

describe('board layout during a drag', () => {
  it('moves a card into another column before or after the card it is over', () => {
    expect(moveAcross(layout, 'a', 'e', false)[1]?.ids).toEqual(['d', 'a', 'e']);
    expect(moveAcross(layout, 'a', 'e', true)[1]?.ids).toEqual(['d', 'e', 'a']);
    expect(moveAcross(layout, 'a', 'e', true)[0]?.ids).toEqual(['b', 'c']);
  });

  it('appends a card dropped on an empty column', () => {
    const moved = dropInto(layout, 'b', columnDropId('7'), false);
    expect(moved[2]?.ids).toEqual(['b']);
    expect(placementIn(moved, 'b')).toEqual({ columnKey: '7', afterId: undefined, beforeId: undefined });
  });

  it('reorders within a column as dnd-kit sortable does (the card takes the place of the one it is dropped on)', () => {
    expect(dropInto(layout, 'a', 'b', false)[0]?.ids).toEqual(['b', 'a', 'c']);
    expect(dropInto(layout, 'c', 'a', false)[0]?.ids).toEqual(['c', 'a', 'b']);
    expect(dropInto(layout, 'a', 'a', false)[0]?.ids).toEqual(['a', 'b', 'c']);
  });

  it('reports the neighbours a move needs, and no change when a card is dropped where it was', () => {
    const reordered = dropInto(layout, 'a', 'b', false);
    expect(placementIn(reordered, 'a')).toEqual({ columnKey: 'unscheduled', afterId: 'b', beforeId: 'c' });
    expect(samePlacement(placementIn(layout, 'a'), placementIn(dropInto(layout, 'a', 'a', false), 'a'))).toBe(
      true,
    );
    expect(samePlacement(placementIn(layout, 'a'), placementIn(reordered, 'a'))).toBe(false);
  });
});
