import { chinaDateOf, stepProgress, type TopicStep } from '@yipan/domain';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStoreEntry } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useI18n } from '../i18n/I18nProvider';
import './steps.css';

/** The step progress of a topic of the open plan, for its board card; nothing outside a plan. */
export function TopicStepProgress({ topicId }: { topicId: string }) {
  const session = usePlanSession();
  return session ? <SessionStepProgress session={session} topicId={topicId} /> : null;
}

/** No steps yet (a topic this frame's read has not seen). */
const NO_STEPS: readonly TopicStep[] = [];

function SessionStepProgress({ session, topicId }: { session: PlanSession; topicId: string }) {
  return <StepProgressBadge steps={useStoreEntry(session.cardFacts, topicId)?.steps ?? NO_STEPS} />;
}

/** The compact progress of a topic's steps on its board card ("3/9"), red with a count when some are overdue. */
export function StepProgressBadge({ steps }: { steps: readonly TopicStep[] }) {
  const { t } = useI18n();
  const progress = stepProgress(steps, chinaDateOf(Date.now()));
  if (progress.total === 0) return null;
  const text = `${progress.finished}/${progress.total}`;
  return (
    <span
      className={progress.overdue > 0 ? 'step-badge is-overdue' : 'step-badge'}
      data-testid="step-progress"
      data-finished={progress.finished}
      data-total={progress.total}
      title={t('steps.cardLabel', { finished: progress.finished, total: progress.total })}
      aria-label={
        progress.overdue > 0
          ? `${t('steps.cardLabel', { finished: progress.finished, total: progress.total })}，${t('steps.overdueCount', { count: progress.overdue })}`
          : t('steps.cardLabel', { finished: progress.finished, total: progress.total })
      }
    >
      {t('steps.cardText', { text })}
      {progress.overdue > 0 ? (
        <span className="step-badge-overdue">{t('steps.cardOverdue', { count: progress.overdue })}</span>
      ) : null}
    </span>
  );
}
