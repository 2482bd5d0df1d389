import { relationOf, type OrgParents, type Relation, type Role } from '@yipan/domain';
import type { MembershipRef, Org, PlanPermissions } from '@yipan/protocol';

/** Why the user may read a plan but not change it, in the terms the read-only banner uses. */
export type ReadOnlyReason =
  | { kind: 'ownRole'; role: Role; orgName: string }
  | { kind: 'parent'; orgName: string }
  | { kind: 'child'; orgName: string }
  | { kind: 'peer'; orgName: string }
  | { kind: 'other' };

/** Which relation explains the most: the user's own organisation first, then above, below, elsewhere. */
const RELATION_RANK: Record<Relation, number> = { own: 0, parent: 1, child: 2, peer: 3 };

/** The organisation tree as the policy reads it, from the flat list of `/api/orgs`. */
export function parentsOf(orgs: readonly Org[]): OrgParents {
  return new Map(orgs.map((org) => [org.id, org.parentId]));
}

/**
 * Why a plan is read-only for this user, or null when they may write it. The server decides the
 * permissions; this only names the closest reason, e.g. "这是上级（示范市）的计划".
 */
export function readOnlyReason(
  permissions: PlanPermissions,
  plan: { orgId: string; orgName: string },
  memberships: readonly MembershipRef[],
  parents: OrgParents,
): ReadOnlyReason | null {
  if (permissions.write) return null;
  const closest = memberships
    .map((membership) => ({ membership, relation: relationOf(parents, membership.orgId, plan.orgId) }))
    .sort((a, b) => RELATION_RANK[a.relation] - RELATION_RANK[b.relation])[0];
  if (!closest) return { kind: 'other' };
  const { membership, relation } = closest;
  if (relation === 'own')
    return membership.role === 'viewer' || membership.role === 'deputy'
      ? { kind: 'ownRole', role: membership.role, orgName: plan.orgName }
      : { kind: 'other' };
  return { kind: relation, orgName: plan.orgName };
}
