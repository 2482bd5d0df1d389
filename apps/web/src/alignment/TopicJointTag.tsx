import { usePlanSession } from '../collab/PlanSessionContext';
import { useStoreEntry } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';
import { CardTag } from '../board/CardTag';

/** The "联动" tag of a joint topic on its board card; nothing outside a plan or for other topics. */
export function TopicJointTag({ topicId }: { topicId: string }) {
  const session = usePlanSession();
  return session ? <JointFlag session={session} topicId={topicId} /> : null;
}

function JointFlag({ session, topicId }: { session: PlanSession; topicId: string }) {
  const t = useT();
  const joint = useStoreEntry(session.cardFacts, topicId)?.joint ?? false;
  return joint ? (
    <CardTag color="purple" className="topic-joint-tag" data-testid="topic-joint-tag">
      {t('joint.cardTag')}
    </CardTag>
  ) : null;
}
