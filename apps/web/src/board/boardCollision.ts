import { closestCenter, closestCorners, pointerWithin, type CollisionDetection } from '@dnd-kit/core';
import { findColumn, isColumnDropId, type ColumnIds } from './boardLayout';

/**
 * Collision detection of the board. A pointer drops where it is: on the card under it, else on the
 * nearest card of the column under it, else on that (empty) column. Keyboard drags have no pointer and
 * move to the closest corners in the arrow's direction.
 */
export function boardCollision(layout: readonly ColumnIds[]): CollisionDetection {
  return (args) => {
    if (!args.pointerCoordinates) return closestCorners(args);
    const within = pointerWithin(args);
    if (within.length === 0) return closestCorners(args);
    const card = within.find((hit) => !isColumnDropId(String(hit.id)));
    if (card) return [card];
    const columnHit = within[0];
    const column = columnHit ? findColumn(layout, String(columnHit.id)) : undefined;
    if (!columnHit || !column || column.ids.length === 0) return within;
    const cards = closestCenter({
      ...args,
      droppableContainers: args.droppableContainers.filter((container) =>
        column.ids.includes(String(container.id)),
      ),
    });
    return cards.length > 0 ? cards : [columnHit];
  };
}
