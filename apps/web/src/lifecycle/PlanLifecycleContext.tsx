import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { Alert } from 'antd';
import { isFrozen } from '@yipan/domain';
import { LifecycleResponse, type AdjustmentRecord, type PlanResponse } from '@yipan/protocol';
import { PlanAccessContext, usePlanAccess, type PlanAccess } from '../access/PlanAccessContext';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { useMe } from '../identity/MeContext';
import { useT } from '../i18n/I18nProvider';
import { lifecyclePaths } from './lifecycleApi';
import { lifecycleRevision } from './lifecycleEvents';

/** The open plan's lifecycle as the board needs it. */
export type PlanLifecycle = {
  planId: string;
  /** The server's answer; null while loading or when it failed. */
  data: LifecycleResponse | null;
  error: Error | null;
  /** Approved or later: plan fields change only within an open adjustment. */
  frozen: boolean;
  /** The adjustment open now (anyone's), and whether it is the caller's own. */
  openAdjustment: AdjustmentRecord | null;
  ownsAdjustment: boolean;
  /** Whether the caller may change topic plan fields now (title, method, month…, archive, add, reorder). */
  canEditPlanFields: boolean;
  /** Why not, as a sentence, when the lock (not the access rules) is the reason. */
  lockReason: string | null;
  reload: () => void;
};

/** Outside a plan nothing is locked by the lifecycle (the access rules still apply). */
const UNLOCKED = { canEditPlanFields: true, lockReason: null };

const PlanLifecycleContext = createContext<PlanLifecycle | null>(null);

/**
 * Reads the plan's lifecycle and keeps it fresh (socket `plan:lifecycle` / `plan:status`, and after
 * every change made here). Until the answer arrives the plan's status decides the lock, so a frozen
 * plan is never editable for a moment.
 */
export function PlanLifecycleProvider({
  planId,
  plan,
  children,
}: {
  planId: string;
  plan: PlanResponse['plan'] | null;
  children: ReactNode;
}) {
  const t = useT();
  const me = useMe();
  const request = useRequest(lifecyclePaths.lifecycle(planId), LifecycleResponse);
  const revision = useStore(lifecycleRevision);
  const { reload } = request;
  useEffect(() => {
    if (revision > 0) reload();
  }, [revision, reload]);

  const value = useMemo<PlanLifecycle>(() => {
    const data = request.data;
    const frozen = data ? data.frozen : plan ? isFrozen(plan.status) : false;
    const open = data?.openAdjustment?.state === 'open' ? data.openAdjustment : null;
    const ownsAdjustment = open !== null && open.openedBy.id === me.user.id;
    const canEditPlanFields = !frozen || ownsAdjustment;
    let lockReason: string | null = null;
    if (!canEditPlanFields)
      lockReason = open
        ? t('lifecycle.lock.othersAdjustment', { name: open.openedBy.displayName })
        : t('lifecycle.lock.frozen');
    return {
      planId,
      data,
      error: request.error,
      frozen,
      openAdjustment: open,
      ownsAdjustment,
      canEditPlanFields,
      lockReason,
      reload,
    };
  }, [request.data, request.error, plan, me.user.id, planId, reload, t]);

  return <PlanLifecycleContext.Provider value={value}>{children}</PlanLifecycleContext.Provider>;
}

/** The open plan's lifecycle, or null outside a plan. */
export function usePlanLifecycle(): PlanLifecycle | null {
  return useContext(PlanLifecycleContext);
}

/** Whether topic plan fields may be changed now, and why not; outside a plan: unlocked. */
export function usePlanLock(): { canEditPlanFields: boolean; lockReason: string | null } {
  const lifecycle = useContext(PlanLifecycleContext);
  return lifecycle
    ? { canEditPlanFields: lifecycle.canEditPlanFields, lockReason: lifecycle.lockReason }
    : UNLOCKED;
}

/**
 * Gives what it wraps the plan-field access: read-only with the lock's reason while the plan is frozen
 * (so every disabled control explains itself), the plain access otherwise. The board sits inside it.
 */
export function PlanFieldsAccess({ children }: { children: (canWrite: boolean) => ReactNode }) {
  const t = useT();
  const access = usePlanAccess();
  const { canEditPlanFields, lockReason } = usePlanLock();
  const value = useMemo<PlanAccess>(
    () =>
      !access.canWrite || canEditPlanFields
        ? access
        : {
            canWrite: false,
            readOnlyReason: lockReason,
            readOnlyHint: lockReason ? t('readOnly.hint', { reason: lockReason }) : null,
          },
    [access, canEditPlanFields, lockReason, t],
  );
  return <PlanAccessContext.Provider value={value}>{children(value.canWrite)}</PlanAccessContext.Provider>;
}

/** A notice in the topic drawer while plan fields are locked (notes and follow-up stay editable). */
export function PlanLockNotice() {
  const t = useT();
  const { canWrite } = usePlanAccess();
  const { canEditPlanFields, lockReason } = usePlanLock();
  if (!canWrite || canEditPlanFields) return null;
  return (
    <Alert
      className="lifecycle-lock-notice"
      type="warning"
      showIcon
      role="status"
      title={lockReason}
      description={t('lifecycle.lock.stillEditable')}
      data-testid="plan-lock-notice"
    />
  );
}
