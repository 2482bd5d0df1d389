import { useMemo, useState } from 'react';
import {
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { BoardColumn } from '@yipan/domain';
import {
  dropInto,
  layoutOf,
  moveAcross,
  placementIn,
  samePlacement,
  type ColumnIds,
  type LayoutPlacement,
} from './boardLayout';

/** Pointer travel before a press becomes a drag, so that a click still opens the card. */
const DRAG_DISTANCE_PX = 6;

/** Space picks a card up and drops it; Enter is left to open the card. */
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

/**
 * Sensor options as constants: dnd-kit rebuilds a sensor when its options object changes, and with it
 * the listeners of every card, which then all re-render.
 */
const POINTER_OPTIONS = { activationConstraint: { distance: DRAG_DISTANCE_PX } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates, keyboardCodes: KEYBOARD_CODES };

type Over = DragOverEvent['over'];
type Active = DragOverEvent['active'];

/** Whether the dragged card's top is past the middle of the card it is over. */
function isBelow(active: Active, over: Over): boolean {
  const rect = active.rect.current.translated;
  return over !== null && rect !== null && rect.top > over.rect.top + over.rect.height / 2;
}

/**
 * Drag and drop over the board's columns: while dragging, a local layout shows where the card would go
 * (across columns too); on drop, `onMove` gets the new column and neighbours, once, only if they changed.
 */
export function useBoardDnd(
  columns: readonly BoardColumn[],
  onMove: (id: string, placement: LayoutPlacement) => void,
) {
  const base = useMemo(() => layoutOf(columns), [columns]);
  const [drag, setDrag] = useState<{ activeId: string; layout: ColumnIds[] } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(KeyboardSensor, KEYBOARD_OPTIONS),
  );

  const onDragStart = ({ active }: DragStartEvent) => setDrag({ activeId: String(active.id), layout: base });
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    setDrag(
      (current) =>
        current && {
          ...current,
          layout: moveAcross(current.layout, current.activeId, String(over.id), isBelow(active, over)),
        },
    );
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const layout = drag?.layout ?? base;
    setDrag(null);
    if (!over) return;
    const target = placementIn(dropInto(layout, id, String(over.id), isBelow(active, over)), id);
    if (target && !samePlacement(target, placementIn(base, id))) onMove(id, target);
  };
  const onDragCancel = () => setDrag(null);

  return {
    sensors,
    layout: drag?.layout ?? base,
    activeId: drag?.activeId ?? null,
    handlers: { onDragStart, onDragOver, onDragEnd, onDragCancel },
  };
}
