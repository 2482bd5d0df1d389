import type { PlanSession } from '../collab/PlanSession';
import { CreateTopicDrawer } from './CreateTopicDrawer';
import { EditTopicDrawer } from './EditTopicDrawer';
import type { EditorRequest } from './editorRequest';

type Props = {
  session: PlanSession;
  request: EditorRequest;
  canWrite: boolean;
  author: string;
  onRequestChange: (request: EditorRequest | null) => void;
};

/** The topic drawer (lazy-loaded): a new topic's draft, or an open topic edited live. */
export function TopicDrawer({ session, request, canWrite, author, onRequestChange }: Props) {
  const close = () => onRequestChange(null);
  return request.mode === 'create' ? (
    <CreateTopicDrawer session={session} preset={request.preset} author={author} onClose={close} />
  ) : (
    <EditTopicDrawer
      key={request.topicId}
      session={session}
      topicId={request.topicId}
      canWrite={canWrite}
      onClose={close}
    />
  );
}
