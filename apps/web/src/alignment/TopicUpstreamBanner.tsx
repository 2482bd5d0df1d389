import { Alert } from 'antd';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useT } from '../i18n/I18nProvider';
import { UpstreamChangeCard } from './UpstreamChangeCard';
import { useUpstream } from './useUpstream';
import './upstream.css';

type Props = { planId: string; topicId: string };

/**
 * The warning at the top of a topic's drawer when a parent topic it links changed (上级议题已修改): the
 * field-level difference, and accept (take it into this topic) or dismiss. Nothing when nothing changed.
 */
export function TopicUpstreamBanner({ planId, topicId }: Props) {
  const t = useT();
  const { readOnlyHint } = usePlanAccess();
  const { data } = useUpstream(planId);
  const notices = data?.changes.filter((notice) => notice.topicId === topicId) ?? [];
  if (!data || notices.length === 0) return null;
  return (
    <Alert
      className="topic-upstream-banner"
      type="warning"
      showIcon
      role="status"
      title={t('upstream.changes.title')}
      description={notices.map((notice) => (
        <UpstreamChangeCard
          key={`${notice.parentPlanId}/${notice.parentTopicId}`}
          planId={planId}
          notice={notice}
          canAct={data.canAnswer}
          disabledHint={readOnlyHint ?? t('upstream.readOnly')}
        />
      ))}
      data-testid="topic-upstream-banner"
    />
  );
}
