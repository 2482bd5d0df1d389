import type { BoardColumn } from '@yipan/domain';

/** The ids shown in each column, in order: what a drag rearranges before it is written to the document. */
export type ColumnIds = { key: string; ids: string[] };

/** Where a topic sits in a layout: its column and its neighbours there (undefined at the ends). */
export type LayoutPlacement = {
  columnKey: string;
  afterId: string | undefined;
  beforeId: string | undefined;
};

const COLUMN_PREFIX = 'column:';

/** The droppable id of a column, distinct from every topic id. */
export function columnDropId(columnKey: string): string {
  return COLUMN_PREFIX + columnKey;
}

/** True for a column's drop id, false for a topic id. */
export function isColumnDropId(id: string): boolean {
  return id.startsWith(COLUMN_PREFIX);
}

/** The ids of the board's columns. */
export function layoutOf(columns: readonly BoardColumn[]): ColumnIds[] {
  return columns.map((column) => ({ key: column.key, ids: column.topics.map((topic) => topic.id) }));
}

/** The column of a topic id or of a column drop id. */
export function findColumn(layout: readonly ColumnIds[], id: string): ColumnIds | undefined {
  if (isColumnDropId(id)) return layout.find((column) => columnDropId(column.key) === id);
  return layout.find((column) => column.ids.includes(id));
}

/** Moves a topic into the column of `overId` (a card or a column), before that card or after it when `below`. */
export function moveAcross(
  layout: readonly ColumnIds[],
  activeId: string,
  overId: string,
  below: boolean,
): ColumnIds[] {
  const from = findColumn(layout, activeId);
  const to = findColumn(layout, overId);
  if (!from || !to || from === to) return [...layout];
  return layout.map((column) => {
    if (column === from) return { ...column, ids: column.ids.filter((id) => id !== activeId) };
    if (column !== to) return column;
    const overIndex = column.ids.indexOf(overId);
    const index = overIndex < 0 ? column.ids.length : overIndex + (below ? 1 : 0);
    return { ...column, ids: [...column.ids.slice(0, index), activeId, ...column.ids.slice(index)] };
  });
}

/** The layout once the topic is dropped on `overId`: in its column, at the place of the card it was dropped on. */
export function dropInto(
  layout: readonly ColumnIds[],
  activeId: string,
  overId: string,
  below: boolean,
): ColumnIds[] {
  const moved = moveAcross(layout, activeId, overId, below);
  const column = findColumn(moved, activeId);
  if (!column || overId === activeId || !column.ids.includes(overId)) return moved;
  const ids = column.ids.filter((id) => id !== activeId);
  const overIndex = ids.indexOf(overId);
  const fromIndex = column.ids.indexOf(activeId);
  // Dropping on a card below takes its place and pushes it up; above, pushes it down.
  const index = fromIndex <= column.ids.indexOf(overId) ? overIndex + 1 : overIndex;
  ids.splice(index, 0, activeId);
  return moved.map((entry) => (entry === column ? { ...entry, ids } : entry));
}

/** Where a topic sits in a layout, or null when it is in none of its columns. */
export function placementIn(layout: readonly ColumnIds[], id: string): LayoutPlacement | null {
  const column = findColumn(layout, id);
  if (!column) return null;
  const index = column.ids.indexOf(id);
  return { columnKey: column.key, afterId: column.ids[index - 1], beforeId: column.ids[index + 1] };
}

/** True when two placements put a topic at the same spot. */
export function samePlacement(a: LayoutPlacement | null, b: LayoutPlacement | null): boolean {
  return a?.columnKey === b?.columnKey && a?.afterId === b?.afterId && a?.beforeId === b?.beforeId;
}
