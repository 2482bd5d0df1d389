import { Steps } from 'antd';
import { PLAN_STATUS_LABELS, type PlanStatus } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';

/** The plan's statuses along the main path, the current one highlighted. */
export function LifecycleSteps({ path, status }: { path: readonly PlanStatus[]; status: PlanStatus }) {
  const { t, label } = useI18n();
  const current = Math.max(0, path.indexOf(status));
  return (
    <Steps
      className="lifecycle-steps"
      size="small"
      current={current}
      items={path.map((step) => ({
        key: step,
        title: label(PLAN_STATUS_LABELS[step]),
      }))}
      aria-label={t('lifecycle.status', { status: label(PLAN_STATUS_LABELS[status]) })}
      data-testid="lifecycle-steps"
    />
  );
}
