import { isJointTopic } from '@yipan/domain';
import type * as Y from 'yjs';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useT } from '../i18n/I18nProvider';
import { useTopicDocValue } from './useTopicDocValue';
import { CardTag } from '../board/CardTag';

/** The "联动" tag of a joint topic on its board card; nothing outside a plan or for other topics. */
export function TopicJointTag({ topicId }: { topicId: string }) {
  const session = usePlanSession();
  return session ? <JointFlag doc={session.doc} topicId={topicId} /> : null;
}

function JointFlag({ doc, topicId }: { doc: Y.Doc; topicId: string }) {
  const t = useT();
  const joint = useTopicDocValue(doc, topicId, isJointTopic);
  return joint ? (
    <CardTag color="purple" className="topic-joint-tag" data-testid="topic-joint-tag">
      {t('joint.cardTag')}
    </CardTag>
  ) : null;
}
