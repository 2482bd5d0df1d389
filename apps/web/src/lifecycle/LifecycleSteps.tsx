import { Steps } from 'antd';
import { PLAN_STATUS_LABELS, type PlanStatus } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';

/** Where a status sits on the main path; the adjustment loop (`adjusted`) is shown on `executing`. */
function pathIndex(path: readonly PlanStatus[], status: PlanStatus): number {
  const index = path.indexOf(status === 'adjusted' ? 'executing' : status);
  return index < 0 ? 0 : index;
}

/** The plan's statuses along the main path, the current one highlighted (marked 已调整 while adjusted). */
export function LifecycleSteps({ path, status }: { path: readonly PlanStatus[]; status: PlanStatus }) {
  const { t, label } = useI18n();
  const current = pathIndex(path, status);
  return (
    <Steps
      className="lifecycle-steps"
      size="small"
      current={current}
      items={path.map((step, index) => ({
        key: step,
        title:
          index === current && status === 'adjusted'
            ? `${label(PLAN_STATUS_LABELS[step])}（${label(PLAN_STATUS_LABELS.adjusted)}）`
            : label(PLAN_STATUS_LABELS[step]),
      }))}
      aria-label={t('lifecycle.status', { status: label(PLAN_STATUS_LABELS[status]) })}
      data-testid="lifecycle-steps"
    />
  );
}
