import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { BoardGrouping, Topic } from '@yipan/domain';
import type { Peer } from '../collab/presenceStore';
import { TopicCard } from './TopicCard';

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

/** A topic card that can be dragged (pointer or keyboard) within and between columns. */
export function SortableTopicCard({ topic, canWrite, canDrag = true, ...rest }: Props) {
  const draggable = canWrite && canDrag;
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } =
    useSortable({
      id: topic.id,
      disabled: !draggable,
    });
  return (
    <TopicCard
      {...rest}
      topic={topic}
      canWrite={canWrite}
      nodeRef={setNodeRef}
      handleRef={setActivatorNodeRef}
      // Read-only, the card is still a button (it opens the topic), just not a draggable one.
      handleProps={draggable ? { ...attributes, ...listeners } : { role: 'button', tabIndex: 0 }}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      variant={isDragging ? 'placeholder' : undefined}
    />
  );
}
