import { ancestorsOf, can, type Actor, type OrgParents } from '@yipan/domain';
import type { Database, MembershipRow, OrgRow } from '@yipan/db';

/** The organisation tree as loaded for one decision: rows by id and the parent map the policy reads. */
export type OrgTree = { orgs: OrgRow[]; byId: ReadonlyMap<string, OrgRow>; parents: OrgParents };

/** Loads the whole tree (a city has tens to hundreds of organisations: one small query). */
export async function loadOrgTree(db: Database): Promise<OrgTree> {
  const orgs = await db.orgs.list();
  return {
    orgs,
    byId: new Map(orgs.map((org) => [org.id, org])),
    parents: new Map(orgs.map((org) => [org.id, org.parentId])),
  };
}

/** An organisation and everything below it. */
export function subtreeOf(tree: OrgTree, orgId: string): string[] {
  return tree.orgs
    .filter((org) => org.id === orgId || ancestorsOf(tree.parents, org.id).includes(orgId))
    .map((org) => org.id);
}

/** The organisations an actor administers (`manage_members`): their admin organisations and all below. */
export function managedOrgIds(actor: Actor, tree: OrgTree): string[] {
  return tree.orgs
    .filter((org) => can(actor, 'manage_members', { kind: 'org', orgId: org.id }, tree.parents))
    .map((org) => org.id);
}

/**
 * The organisation a user's security events belong to: their membership nearest the root, so the
 * administrators above all of their organisations see them. Null without memberships.
 */
export function homeOrgOf(tree: OrgTree, memberships: readonly MembershipRow[]): string | null {
  let best: { orgId: string; depth: number } | null = null;
  for (const { orgId } of memberships) {
    const depth = ancestorsOf(tree.parents, orgId).length;
    if (!best || depth < best.depth || (depth === best.depth && orgId < best.orgId)) best = { orgId, depth };
  }
  return best?.orgId ?? null;
}

/**
 * Whether an organisation sits at the top of the tree its administrators manage: no parent, or a
 * province kept as an external reference. Its administrators also see events that belong to no organisation.
 */
export function isTopOrg(tree: OrgTree, orgId: string): boolean {
  const parentId = tree.byId.get(orgId)?.parentId ?? null;
  return parentId === null || tree.byId.get(parentId)?.level === 'province';
}
