import { PlanResponse, StepTemplatesResponse } from '@yipan/protocol';
import type { StepTemplate } from '@yipan/domain';
import { useRequest } from '../api/useRequest';

/** The organisation's own templates (those marked `custom`), which take precedence over the defaults. */
export function customTemplates(response: StepTemplatesResponse | null): StepTemplate[] {
  return (response?.templates ?? []).filter((entry) => entry.custom).map((entry) => entry.template);
}

/** The step templates of the organisation that owns the plan: its topics' steps are generated from them. */
export function usePlanTemplates(planId: string) {
  const plan = useRequest(`/api/plans/${encodeURIComponent(planId)}`, PlanResponse);
  const orgId = plan.data?.plan.orgId ?? null;
  const templates = useRequest(
    orgId ? `/api/orgs/${encodeURIComponent(orgId)}/step-templates` : null,
    StepTemplatesResponse,
  );
  return {
    custom: customTemplates(templates.data),
    ready: templates.data !== null,
    error: plan.error ?? templates.error,
    reload: () => (plan.error ? plan.reload() : templates.reload()),
  };
}
