import { can, PLAN_STATUSES, type Actor, type OrgParents } from '@yipan/domain';
import type { PlanRow } from '@yipan/db';

/**
 * The status an organisation without a plan of the year is checked as: the first, unpublished one, so only
 * the caller's own relation to the organisation (never publication) can open it.
 */
export const UNPUBLISHED_STATUS = PLAN_STATUSES[0];

/**
 * Whether the caller may read an organisation's plan of a year (`null` when it has none), as DESIGN.md's
 * access rules say: the one rule for the dashboard's members and the alignment matrix's columns.
 */
export function mayReadPlanOf(
  actor: Actor,
  orgId: string,
  plan: Pick<PlanRow, 'status'> | null,
  parents: OrgParents,
): boolean {
  return can(actor, 'read', { kind: 'plan', orgId, status: plan?.status ?? UNPUBLISHED_STATUS }, parents);
}
