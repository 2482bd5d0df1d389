import { describe, expect, it } from 'vitest';
import type { Org, PlanPermissions } from '@yipan/protocol';
import { parentsOf, readOnlyReason } from './readOnlyReason';

const ORGS: Org[] = [
  { id: 'city', name: '示范市', level: 'city', parentId: null },
  { id: 'county-1', name: '示范县', level: 'county', parentId: 'city' },
  { id: 'county-2', name: '示范区', level: 'county', parentId: 'city' },
  { id: 'township-1', name: '示范镇', level: 'township', parentId: 'county-1' },
];
const parents = parentsOf(ORGS);
const READ: PlanPermissions = { read: true, write: false, link: false, workflow: false, propose: false };
const WRITE: PlanPermissions = { ...READ, write: true };
const cityPlan = { orgId: 'city', orgName: '示范市' };
const countyPlan = { orgId: 'county-1', orgName: '示范县' };

describe('readOnlyReason', () => {
  it('gives no reason when the user may write', () => {
    expect(readOnlyReason(WRITE, countyPlan, [{ orgId: 'county-1', role: 'editor' }], parents)).toBeNull();
  });

  it('names the upper, lower or other organisation whose plan it is', () => {
    const editor = [{ orgId: 'county-1', role: 'editor' as const }];
    expect(readOnlyReason(READ, cityPlan, editor, parents)).toEqual({ kind: 'parent', orgName: '示范市' });
    expect(readOnlyReason(READ, { orgId: 'township-1', orgName: '示范镇' }, editor, parents)).toEqual({
      kind: 'child',
      orgName: '示范镇',
    });
    expect(readOnlyReason(READ, { orgId: 'county-2', orgName: '示范区' }, editor, parents)).toEqual({
      kind: 'peer',
      orgName: '示范区',
    });
  });

  it('names the role when the plan is the user’s own', () => {
    expect(readOnlyReason(READ, countyPlan, [{ orgId: 'county-1', role: 'viewer' }], parents)).toEqual({
      kind: 'ownRole',
      role: 'viewer',
      orgName: '示范县',
    });
    expect(readOnlyReason(READ, cityPlan, [{ orgId: 'city', role: 'deputy' }], parents)).toMatchObject({
      kind: 'ownRole',
      role: 'deputy',
    });
  });

  it('prefers the user’s own organisation among several memberships', () => {
    const memberships = [
      { orgId: 'township-1', role: 'editor' as const },
      { orgId: 'county-1', role: 'viewer' as const },
    ];
    expect(readOnlyReason(READ, countyPlan, memberships, parents)).toMatchObject({ kind: 'ownRole' });
  });

  it('falls back to a general reason when nothing more specific is known', () => {
    expect(readOnlyReason(READ, countyPlan, [], parents)).toEqual({ kind: 'other' });
    expect(readOnlyReason(READ, countyPlan, [{ orgId: 'county-1', role: 'editor' }], parents)).toEqual({
      kind: 'other',
    });
  });
});
