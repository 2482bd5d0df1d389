import { Alert, Empty, Skeleton, Tag } from 'antd';
import { PLAN_STATUS_LABELS } from '@yipan/domain';
import { PlansResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { navigate, planPath } from '../routing/useRoute';
import { planStatusColor } from './planStatusColor';

/** The plans of one organisation, newest year first; choosing one opens its board. */
export function PlanList({ orgId, currentPlanId }: { orgId: string; currentPlanId: string | null }) {
  const { t, label } = useI18n();
  const { data, error, loading } = useRequest(`/api/orgs/${encodeURIComponent(orgId)}/plans`, PlansResponse);
  if (error) return <Alert type="error" showIcon title={describeError(error, t)} />;
  if (loading || !data) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (data.plans.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sidebar.noPlans')} />;
  const plans = [...data.plans].sort((a, b) => b.year - a.year);
  return (
    <ul className="plan-list">
      {plans.map((plan) => {
        const current = plan.id === currentPlanId;
        return (
          <li key={plan.id}>
            <a
              href={planPath(plan.id)}
              className={current ? 'plan-link plan-link-current' : 'plan-link'}
              aria-current={current ? 'page' : undefined}
              data-testid="plan-link"
              onClick={(event) => {
                event.preventDefault();
                navigate(planPath(plan.id));
              }}
            >
              <span className="plan-link-year">{t('sidebar.yearPlan', { year: plan.year })}</span>
              <span className="plan-link-title">{plan.title}</span>
              <Tag className="plan-link-status" color={planStatusColor(plan.status)}>
                {label(PLAN_STATUS_LABELS[plan.status])}
              </Tag>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
