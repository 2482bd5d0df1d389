import { lazy, Suspense, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { PLAN_STATUS_LABELS } from '@yipan/domain';
import { PlansResponse, type Org } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import { navigate, planPath } from '../routing/useRoute';
import { planStatusColor } from './planStatusColor';

const CreatePlanModal = lazy(() =>
  import('./CreatePlanModal').then((module) => ({ default: module.CreatePlanModal })),
);

type Props = {
  orgId: string;
  /** The organisation, once the tree has loaded (its name and level title a new plan). */
  org: Org | null;
  currentPlanId: string | null;
};

/** The plans of one organisation, newest year first; choosing one opens its board. Its admins open a new year's plan here. */
export function PlanList({ orgId, org, currentPlanId }: Props) {
  const { t, label } = useI18n();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const { data, error, loading } = useRequest(`/api/orgs/${encodeURIComponent(orgId)}/plans`, PlansResponse);
  if (error) return <Alert type="error" showIcon title={describeError(error, t)} />;
  if (loading || !data) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  const plans = [...data.plans].sort((a, b) => b.year - a.year);
  // The server decides (`create_plans`: the organisation's own admins); the button only mirrors it.
  const administers = me.memberships.some(
    (membership) => membership.orgId === orgId && membership.role === 'admin',
  );
  const nextYear = Math.max(new Date().getFullYear() + 1, (plans[0]?.year ?? 0) + 1);
  const create =
    administers && org ? (
      <>
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          className="create-plan-button"
          onClick={() => setCreating(true)}
          data-testid="create-plan-button"
        >
          {t('createPlan.button')}
        </Button>
        {creating ? (
          <Suspense fallback={null}>
            <CreatePlanModal org={org} defaultYear={nextYear} onClose={() => setCreating(false)} />
          </Suspense>
        ) : null}
      </>
    ) : null;
  if (plans.length === 0)
    return (
      <>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sidebar.noPlans')} />
        {create}
      </>
    );
  return (
    <>
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
      {create}
    </>
  );
}
