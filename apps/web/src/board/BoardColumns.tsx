import { useMemo } from 'react';
import { DndContext, DragOverlay, type Announcements } from '@dnd-kit/core';
import type { BoardColumn as Column, BoardGrouping, Topic } from '@yipan/domain';
import type { Peer } from '../collab/presenceStore';
import { useT } from '../i18n/I18nProvider';
import { BoardColumn } from './BoardColumn';
import { boardCollision } from './boardCollision';
import { findColumn, type ColumnIds, type LayoutPlacement } from './boardLayout';
import { TopicCard } from './TopicCard';
import { useBoardDnd } from './useBoardDnd';
import { useColumnTitle } from './useColumnTitle';

type Props = {
  columns: readonly Column[];
  grouping: BoardGrouping;
  peers: readonly Peer[];
  canWrite: boolean;
  onOpen: (id: string) => void;
  onArchive: (id: string) => void;
  onCreate: (columnKey: string) => void;
  onMove: (id: string, placement: LayoutPlacement) => void;
};

const NO_PEERS: readonly Peer[] = [];

/** Screen-reader announcements of a drag, in the interface language. */
function useAnnouncements(
  topicsById: ReadonlyMap<string, Topic>,
  layout: readonly ColumnIds[],
  columnTitle: (key: string) => string,
): Announcements {
  const t = useT();
  const title = (id: string | number) => topicsById.get(String(id))?.title ?? '';
  const column = (id: string | number | undefined) => {
    const key = id === undefined ? undefined : findColumn(layout, String(id))?.key;
    return key === undefined ? '' : columnTitle(key);
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

/** The scrolling row of columns with drag and drop between and within them. */
export function BoardColumns({
  columns,
  grouping,
  peers,
  canWrite,
  onOpen,
  onArchive,
  onCreate,
  onMove,
}: Props) {
  const t = useT();
  const columnTitle = useColumnTitle(grouping);
  const topicsById = useMemo(
    () => new Map(columns.flatMap((column) => column.topics).map((topic) => [topic.id, topic])),
    [columns],
  );
  const editorsOf = useMemo(() => {
    const byTopic = new Map<string, Peer[]>();
    for (const peer of peers) {
      if (peer.editingTopicId)
        byTopic.set(peer.editingTopicId, [...(byTopic.get(peer.editingTopicId) ?? []), peer]);
    }
    return (id: string) => byTopic.get(id) ?? NO_PEERS;
  }, [peers]);
  const { sensors, layout, activeId, handlers } = useBoardDnd(columns, onMove);
  const announcements = useAnnouncements(topicsById, layout, columnTitle);
  const active = activeId ? topicsById.get(activeId) : undefined;
  const collisionDetection = useMemo(() => boardCollision(layout), [layout]);
  // Widths follow the document, not the drag preview: a column collapsing mid-drag would move the drop target.
  const emptyColumns = useMemo(
    () => new Set(columns.filter((column) => column.topics.length === 0).map((column) => column.key)),
    [columns],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.dragHint') } }}
      {...handlers}
    >
      <div className="board-columns" data-testid="board" role="region" aria-label={t('board.label')}>
        {layout.map((column) => (
          <BoardColumn
            key={column.key}
            columnKey={column.key}
            compact={emptyColumns.has(column.key)}
            title={columnTitle(column.key)}
            topics={column.ids.flatMap((id) => topicsById.get(id) ?? [])}
            grouping={grouping}
            editorsOf={editorsOf}
            canWrite={canWrite}
            onOpen={onOpen}
            onArchive={onArchive}
            onCreate={onCreate}
          />
        ))}
      </div>
      <DragOverlay>
        {active ? (
          <TopicCard
            topic={active}
            grouping={grouping}
            editors={editorsOf(active.id)}
            canWrite={canWrite}
            variant="overlay"
          />
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
