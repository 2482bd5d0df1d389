import type { OrgLevel } from '@yipan/domain';
import type { Org } from '@yipan/protocol';

/** An organisation with the ones below it, for tree tables and pickers. */
export type OrgTreeNode<T extends Org> = T & { children?: OrgTreeNode<T>[] };

/**
 * The forest of the organisations an administrator manages: those whose parent is not among them
 * (their own) are the roots. Leaves get no `children`, so tables show no expander for them.
 */
export function orgForest<T extends Org>(orgs: readonly T[]): OrgTreeNode<T>[] {
  const nodes = new Map<string, OrgTreeNode<T>>(orgs.map((org) => [org.id, { ...org }]));
  const roots: OrgTreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  return roots;
}

/**
 * Which levels may sit directly under which: province → city → county → township / liaison office.
 * The server enforces the same rule (`invalid_parent`); this only keeps impossible choices off the form.
 */
export const CHILD_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  province: ['city'],
  city: ['county', 'liaison_office'],
  county: ['township', 'liaison_office'],
  liaison_office: [],
  township: [],
};
