import { memo, useMemo, type HTMLAttributes } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { BoardGrouping, Topic } from '@yipan/domain';
import type { Peer } from '../collab/presenceStore';
import { TopicCard } from './TopicCard';

/** Read-only, the card is still a button (it opens the topic), just not a draggable one. */
const OPEN_ONLY: HTMLAttributes<HTMLDivElement> = { role: 'button', tabIndex: 0 };

type Props = {
  topic: Topic;
  grouping: BoardGrouping;
  editors: readonly Peer[];
  canWrite: boolean;
  /** False when dragging would mean nothing here; the card still opens. */
  canDrag?: boolean;
  onOpen: (id: string) => void;
  onArchive: (id: string) => void;
};

/**
 * A topic card that can be dragged (pointer or keyboard) within and between columns. Memoised: the
 * topics store keeps the object of an unchanged topic, so an edit, a presence change or the
 * connection's status re-renders only the cards they touch.
 */
export const SortableTopicCard = memo(function SortableTopicCard({
  topic,
  canWrite,
  canDrag = true,
  ...rest
}: Props) {
  const draggable = canWrite && canDrag;
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } =
    useSortable({
      id: topic.id,
      disabled: !draggable,
    });
  // The card below is memoised: what it is given stays the same object unless it changed. dnd-kit's
  // contexts re-render every sortable when a droppable registers or is measured.
  const handleProps = useMemo(
    () => (draggable ? { ...attributes, ...listeners } : OPEN_ONLY),
    [draggable, attributes, listeners],
  );
  const translate = CSS.Translate.toString(transform);
  const style = useMemo(() => ({ transform: translate, transition }), [translate, transition]);
  return (
    <TopicCard
      {...rest}
      topic={topic}
      canWrite={canWrite}
      nodeRef={setNodeRef}
      handleRef={setActivatorNodeRef}
      handleProps={handleProps}
      style={style}
      variant={isDragging ? 'placeholder' : undefined}
    />
  );
});
