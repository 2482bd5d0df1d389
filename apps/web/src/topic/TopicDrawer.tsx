import type { PlanSession } from '../collab/PlanSession';
import { JointSection } from '../alignment/JointSection';
import { TopicLinksSection } from '../alignment/TopicLinksSection';
import { TopicMeetingRecords } from '../meetings/TopicMeetingRecords';
import { OpinionSection } from '../opinion/OpinionSection';
import { StepsSection } from '../steps/StepsSection';
import { CreateTopicDrawer } from './CreateTopicDrawer';
import { EditTopicDrawer } from './EditTopicDrawer';
import type { EditorRequest } from './editorRequest';

type Props = {
  session: PlanSession;
  request: EditorRequest;
  author: string;
  onRequestChange: (request: EditorRequest | null) => void;
};

/** The topic drawer (lazy-loaded): a new topic's draft, or an open topic edited live. */
export function TopicDrawer({ session, request, author, onRequestChange }: Props) {
  const close = () => onRequestChange(null);
  return request.mode === 'create' ? (
    <CreateTopicDrawer session={session} preset={request.preset} author={author} onClose={close} />
  ) : (
    <EditTopicDrawer
      key={request.topicId}
      session={session}
      topicId={request.topicId}
      onClose={close}
      sections={
        <>
          {/* The topic's place on the chessboard: its links upwards, and what it expects of the levels below. */}
          <TopicLinksSection session={session} topicId={request.topicId} />
          <JointSection session={session} topicId={request.topicId} />
          <StepsSection session={session} topicId={request.topicId} />
          <OpinionSection session={session} topicId={request.topicId} />
          {/* Decisions and vote results of the meetings that discussed it ("recorded on the topics"). */}
          <TopicMeetingRecords planId={session.planId} topicId={request.topicId} />
        </>
      }
    />
  );
}
