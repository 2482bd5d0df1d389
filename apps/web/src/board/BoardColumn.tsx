import { useId, useMemo } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Tooltip } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import type { BoardGrouping, Topic } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { Peer } from '../collab/presenceStore';
import { useT } from '../i18n/I18nProvider';
import { columnDropId } from './boardLayout';
import { SortableTopicCard } from './SortableTopicCard';

type Props = {
  /** The cell's key for drag and drop (a column, or a column within a swimlane). */
  columnKey: string;
  /** The column's own key, for tests: `column-6` in every swimlane. */
  testKey?: string;
  /** Inside a swimlane: its heading ranks below the lane's. */
  nested?: boolean;
  /** What the create button says it creates in ("6月", or "法院 · 6月" within a swimlane). */
  createLabel?: string;
  /** Shown as a narrow lane: the column has no topics (in the document; a drag preview may add one). */
  compact: boolean;
  title: string;
  topics: readonly Topic[];
  grouping: BoardGrouping;
  editorsOf: (topicId: string) => readonly Peer[];
  canWrite: boolean;
  /** False when a drop here would mean nothing (status follows the steps). */
  canDrag?: boolean;
  onOpen: (id: string) => void;
  onArchive: (id: string) => void;
  onCreate: (columnKey: string) => void;
};

/**
 * The ids of a column's topics, the same array while they are the same: dnd-kit's sortable context
 * changes with its items array, and every card of the column re-renders when it does.
 */
function useTopicIds(topics: readonly Topic[]): string[] {
  // Ids hold no line breaks; the joined string is the memo's key.
  const key = topics.map((topic) => topic.id).join('\n');
  return useMemo(() => (key === '' ? [] : key.split('\n')), [key]);
}

/** One column of the board: heading with count, its sortable cards (or a hint when empty), a create button. */
export function BoardColumn({
  columnKey,
  testKey = columnKey,
  nested = false,
  createLabel,
  compact,
  title,
  topics,
  grouping,
  editorsOf,
  canWrite,
  canDrag = true,
  onOpen,
  onArchive,
  onCreate,
}: Props) {
  const t = useT();
  const { readOnlyHint } = usePlanAccess();
  const { setNodeRef, isOver } = useDroppable({
    id: columnDropId(columnKey),
    disabled: !canWrite || !canDrag,
  });
  // Column keys may be committee names with spaces: not usable inside an IDREF.
  const headingId = useId();
  const ids = useTopicIds(topics);
  const Heading = nested ? 'h3' : 'h2';
  const where = createLabel ?? title;
  // A narrow lane's button shows only "+"; a full column's says what it does and needs no tooltip, which
  // would mount a popup trigger in each of a board's columns.
  const hint = canWrite ? (compact ? t('board.newTopicIn', { column: where }) : null) : readOnlyHint;
  // A plain button in antd's text-button look: an antd Button in every column cost the board's first render
  // about 30 ms of style hooks (thirteen columns by month).
  const create = (
    <button
      type="button"
      className="column-new"
      aria-label={t('board.newTopicIn', { column: where })}
      disabled={!canWrite}
      data-testid="new-topic-in-column"
      onClick={() => onCreate(columnKey)}
    >
      <PlusOutlined />
      {compact ? null : <span>{t('board.newTopic')}</span>}
    </button>
  );
  return (
    <section
      className={compact ? 'board-column board-column-empty' : 'board-column'}
      data-testid={`column-${testKey}`}
      aria-labelledby={headingId}
    >
      <header className="column-header">
        <Heading id={headingId} className="column-title">
          {title}
        </Heading>
        {compact ? null : <span className="column-count">{t('board.count', { count: topics.length })}</span>}
      </header>
      <div ref={setNodeRef} className={isOver ? 'column-body column-body-over' : 'column-body'}>
        {/* Keyed on being empty: a column first rendered before the plan synced gets a fresh context when
            its cards arrive. Otherwise dnd-kit's context sees its items change from none, and flips back
            when the cards register as drop targets, rendering all the column's cards a second time. */}
        <SortableContext
          key={ids.length > 0 ? 'cards' : 'empty'}
          items={ids}
          strategy={verticalListSortingStrategy}
        >
          {topics.map((topic) => (
            <SortableTopicCard
              key={topic.id}
              topic={topic}
              grouping={grouping}
              editors={editorsOf(topic.id)}
              canWrite={canWrite}
              canDrag={canDrag}
              onOpen={onOpen}
              onArchive={onArchive}
            />
          ))}
        </SortableContext>
        {compact || topics.length === 0 ? (
          <div className="column-empty" title={canWrite && canDrag ? t('board.emptyColumnHint') : undefined}>
            {t('board.emptyColumn')}
          </div>
        ) : null}
      </div>
      {hint ? (
        <Tooltip title={hint} placement={compact ? 'right' : 'top'}>
          {create}
        </Tooltip>
      ) : (
        create
      )}
    </section>
  );
}
