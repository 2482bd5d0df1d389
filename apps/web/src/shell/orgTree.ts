import type { Org } from '@yipan/protocol';

/** An organisation with its children, for the sidebar tree. */
export type OrgNode = Org & { children: OrgNode[] };

/** Builds the city → county → township forest from the flat list; orphans become roots. */
export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map(orgs.map((org) => [org.id, { ...org, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The ids from a root down to (not including) the organisation: what must be expanded to show it. */
export function ancestorIds(orgs: readonly Org[], orgId: string): string[] {
  const byId = new Map(orgs.map((org) => [org.id, org]));
  const ids: string[] = [];
  let current = byId.get(orgId)?.parentId ?? null;
  while (current !== null && !ids.includes(current)) {
    ids.unshift(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return ids;
}
