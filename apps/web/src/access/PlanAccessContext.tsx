import { createContext, useContext } from 'react';

/**
 * What the user may do with the open plan, as the server said: whether they may write, and if not,
 * the sentence that explains it (e.g. "只读：这是上级（示范市）的计划。"), shown as the tooltip of every
 * disabled editing control.
 */
export type PlanAccess = {
  canWrite: boolean;
  /** Why not, as a sentence: "这是上级（示范市）的计划。" */
  readOnlyReason: string | null;
  /** The same for tooltips: "只读：这是上级（示范市）的计划。" */
  readOnlyHint: string | null;
};

/** Outside an open plan nobody writes, and there is nothing to explain. */
export const NO_PLAN_ACCESS: PlanAccess = { canWrite: false, readOnlyReason: null, readOnlyHint: null };

export const PlanAccessContext = createContext<PlanAccess>(NO_PLAN_ACCESS);

/** The open plan's access; outside a plan nobody writes. */
export function usePlanAccess(): PlanAccess {
  return useContext(PlanAccessContext);
}
