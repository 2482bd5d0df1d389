import { useMemo } from 'react';
import { DndContext, DragOverlay, type Announcements } from '@dnd-kit/core';
import type { BoardView, Topic } from '@yipan/domain';
import type { Peer } from '../collab/presenceStore';
import { useT } from '../i18n/I18nProvider';
import { useFieldLabel } from '../views/useFieldLabel';
import type { ViewCell, ViewLane } from '../views/viewGrouping';
import { BoardColumn } from './BoardColumn';
import { boardCollision } from './boardCollision';
import { findColumn, type ColumnIds, type LayoutPlacement } from './boardLayout';
import { TopicCard } from './TopicCard';
import { useBoardDnd } from './useBoardDnd';

type Props = {
  lanes: readonly ViewLane[];
  view: Pick<BoardView, 'group' | 'lanes'>;
  peers: readonly Peer[];
  canWrite: boolean;
  /** False when a drop would mean nothing (columns or lanes by status): cards still open. */
  canDrag: boolean;
  onOpen: (id: string) => void;
  onArchive: (id: string) => void;
  onCreate: (cellKey: string) => void;
  onMove: (id: string, placement: LayoutPlacement) => void;
};

const NO_PEERS: readonly Peer[] = [];

/** Screen-reader announcements of a drag, in the interface language. */
function useAnnouncements(
  topicsById: ReadonlyMap<string, Topic>,
  layout: readonly ColumnIds[],
  cellTitle: (key: string) => string,
): Announcements {
  const t = useT();
  const title = (id: string | number) => topicsById.get(String(id))?.title ?? '';
  const column = (id: string | number | undefined) => {
    const key = id === undefined ? undefined : findColumn(layout, String(id))?.key;
    return key === undefined ? '' : cellTitle(key);
  };
  return {
    onDragStart: ({ active }) => t('board.dragStart', { title: title(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('board.dragOver', { title: title(active.id), column: column(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      t('board.dragEnd', { title: title(active.id), column: column(over?.id) }),
    onDragCancel: ({ active }) => t('board.dragCancel', { title: title(active.id) }),
  };
}

/**
 * The board's columns, in one row or in swimlanes (a row of columns per value of a second field), with
 * drag and drop between and within every cell.
 */
export function BoardColumns({
  lanes,
  view,
  peers,
  canWrite,
  canDrag,
  onOpen,
  onArchive,
  onCreate,
  onMove,
}: Props) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  const cells = useMemo(() => lanes.flatMap((lane) => lane.cells), [lanes]);
  const cellByKey = useMemo(() => new Map<string, ViewCell>(cells.map((cell) => [cell.key, cell])), [cells]);
  const cellTitle = (key: string) => {
    const cell = cellByKey.get(key);
    if (!cell) return '';
    const column = fieldLabel(view.group, cell.column);
    return view.lanes && cell.lane !== null ? `${fieldLabel(view.lanes, cell.lane)} · ${column}` : column;
  };
  const topicsById = useMemo(
    () => new Map(cells.flatMap((cell) => cell.topics).map((topic) => [topic.id, topic])),
    [cells],
  );
  const editorsOf = useMemo(() => {
    const byTopic = new Map<string, Peer[]>();
    for (const peer of peers) {
      if (peer.editingTopicId)
        byTopic.set(peer.editingTopicId, [...(byTopic.get(peer.editingTopicId) ?? []), peer]);
    }
    return (id: string) => byTopic.get(id) ?? NO_PEERS;
  }, [peers]);
  const { sensors, layout, activeId, handlers } = useBoardDnd(cells, onMove);
  const idsByCell = useMemo(() => new Map(layout.map((cell) => [cell.key, cell.ids])), [layout]);
  const announcements = useAnnouncements(topicsById, layout, cellTitle);
  const active = activeId ? topicsById.get(activeId) : undefined;
  const collisionDetection = useMemo(() => boardCollision(layout), [layout]);
  // The card shows its month unless the columns already say it.
  const cardGrouping = view.group === 'month' ? 'month' : 'method';
  const swimlanes = lanes.length > 0 && lanes[0]?.key !== null;
  // Widths follow the document, not the drag preview: a column collapsing mid-drag would move the drop target.
  // A column narrows only when it is empty in every lane, so the lanes' columns line up.
  const emptyColumns = useMemo(() => {
    const filled = new Set(cells.filter((cell) => cell.topics.length > 0).map((cell) => cell.column));
    return new Set(cells.filter((cell) => !filled.has(cell.column)).map((cell) => cell.column));
  }, [cells]);

  const renderCell = (cell: ViewCell, nested: boolean) => (
    <BoardColumn
      key={cell.key}
      columnKey={cell.key}
      testKey={cell.column}
      nested={nested}
      compact={emptyColumns.has(cell.column)}
      title={fieldLabel(view.group, cell.column)}
      createLabel={cellTitle(cell.key)}
      topics={(idsByCell.get(cell.key) ?? []).flatMap((id) => topicsById.get(id) ?? [])}
      grouping={cardGrouping}
      editorsOf={editorsOf}
      canWrite={canWrite}
      canDrag={canDrag}
      onOpen={onOpen}
      onArchive={onArchive}
      onCreate={onCreate}
    />
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.dragHint') } }}
      {...handlers}
    >
      {swimlanes && view.lanes ? (
        <div className="board-lanes" data-testid="board" role="region" aria-label={t('board.label')}>
          {lanes.map((lane) => {
            const laneTitle = lane.key === null || !view.lanes ? '' : fieldLabel(view.lanes, lane.key);
            const count = lane.cells.reduce((sum, cell) => sum + cell.topics.length, 0);
            return (
              <section
                key={lane.key}
                className="board-lane"
                data-testid={`lane-${lane.key}`}
                aria-label={t('view.lane', { lane: laneTitle })}
              >
                <h2 className="lane-title">
                  {laneTitle}
                  <span className="column-count">{t('board.count', { count })}</span>
                </h2>
                <div className="board-lane-columns">{lane.cells.map((cell) => renderCell(cell, true))}</div>
              </section>
            );
          })}
        </div>
      ) : (
        <div className="board-columns" data-testid="board" role="region" aria-label={t('board.label')}>
          {cells.map((cell) => renderCell(cell, false))}
        </div>
      )}
      <DragOverlay>
        {active ? (
          <TopicCard
            topic={active}
            grouping={cardGrouping}
            editors={editorsOf(active.id)}
            canWrite={canWrite}
            variant="overlay"
          />
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
