import { describe, expect, it } from 'vitest';
import {
  can,
  planDocAccess,
  relationOf,
  type Action,
  type Actor,
  type OrgParents,
  type Relation,
} from './access';
import type { PlanStatus, Role } from './glossary';

// city ─┬─ county-1 ─── township-1
//       └─ county-2 ─── township-2
const parents: OrgParents = new Map([
  ['city', null],
  ['county-1', 'city'],
  ['county-2', 'city'],
  ['township-1', 'county-1'],
  ['township-2', 'county-2'],
]);

const actor = (role: Role, orgId = 'county-1'): Actor => ({ userId: 'u', memberships: [{ orgId, role }] });
const planOf = (orgId: string, status: PlanStatus = 'collating') => ({
  kind: 'plan' as const,
  orgId,
  status,
});

/** From the point of view of a member of county-1: one organisation of each relation. */
const orgByRelation: Record<Relation, string> = {
  own: 'county-1',
  parent: 'city',
  child: 'township-1',
  peer: 'county-2',
};

/** DESIGN.md's table, written out as the expected answers for an unpublished plan. */
const expected: Record<Role, Record<Relation, Action[]>> = {
  admin: { own: ['read', 'write', 'workflow'], parent: ['read'], child: ['read'], peer: [] },
  editor: { own: ['read', 'write'], parent: ['read', 'link'], child: ['read'], peer: [] },
  viewer: { own: ['read'], parent: ['read'], child: ['read'], peer: [] },
  deputy: { own: ['read', 'propose'], parent: ['read'], child: [], peer: [] },
};
const planActions: Action[] = ['read', 'write', 'link', 'workflow', 'propose', 'manage_members'];

describe('access policy', () => {
  it('relates organisations across the tree', () => {
    expect(relationOf(parents, 'county-1', 'city')).toBe('parent');
    expect(relationOf(parents, 'township-1', 'city')).toBe('parent');
    expect(relationOf(parents, 'city', 'township-2')).toBe('child');
    expect(relationOf(parents, 'county-1', 'township-2')).toBe('peer');
  });

  for (const role of Object.keys(expected) as Role[]) {
    for (const relation of Object.keys(orgByRelation) as Relation[]) {
      it(`${role} on a ${relation} plan may do exactly ${expected[role][relation].join(', ') || 'nothing'}`, () => {
        const allowed = planActions.filter((action) =>
          can(actor(role), action, planOf(orgByRelation[relation]), parents),
        );
        expect(allowed).toEqual(expected[role][relation]);
      });
    }
  }

  it('peers and signed-out visitors read published plans only', () => {
    expect(can(actor('viewer'), 'read', planOf('county-2', 'published'), parents)).toBe(true);
    expect(can(actor('editor'), 'write', planOf('county-2', 'published'), parents)).toBe(false);
    expect(can(null, 'read', planOf('city', 'executing'), parents)).toBe(true);
    expect(can(null, 'read', planOf('city', 'approved'), parents)).toBe(false);
    expect(can(null, 'write', planOf('city', 'executing'), parents)).toBe(false);
  });

  it('never lets a deputy read a child’s plan, published or not (DESIGN.md: "—")', () => {
    expect(can(actor('deputy'), 'read', planOf('township-1', 'published'), parents)).toBe(false);
    expect(can(actor('deputy'), 'read', planOf('township-1', 'approved'), parents)).toBe(false);
    expect(planDocAccess(actor('deputy'), planOf('township-1', 'executing'), parents)).toBe('none');
    // Their own, their parent's and a peer's published plan stay readable.
    expect(can(actor('deputy'), 'read', planOf('county-2', 'published'), parents)).toBe(true);
    expect(planDocAccess(actor('deputy'), planOf('city', 'executing'), parents)).toBe('read');
  });

  it('reads as the most a user’s memberships allow: a deputy who is also a viewer elsewhere', () => {
    const both: Actor = {
      userId: 'u',
      memberships: [
        { orgId: 'city', role: 'deputy' },
        { orgId: 'county-1', role: 'viewer' },
      ],
    };
    expect(can(both, 'read', planOf('township-1', 'approved'), parents)).toBe(true);
    expect(can(both, 'read', planOf('county-2', 'approved'), parents)).toBe(false);
  });

  it('admins manage members of their organisation and below, never above', () => {
    const admin = actor('admin');
    expect(can(admin, 'manage_members', { kind: 'org', orgId: 'county-1' }, parents)).toBe(true);
    expect(can(admin, 'manage_members', { kind: 'org', orgId: 'township-1' }, parents)).toBe(true);
    expect(can(admin, 'manage_members', { kind: 'org', orgId: 'city' }, parents)).toBe(false);
    expect(can(actor('editor'), 'manage_members', { kind: 'org', orgId: 'county-1' }, parents)).toBe(false);
  });

  it('only an organisation’s own admins change its step templates', () => {
    const org = (orgId: string) => ({ kind: 'org', orgId }) as const;
    expect(can(actor('admin'), 'manage_templates', org('county-1'), parents)).toBe(true);
    expect(can(actor('admin'), 'manage_templates', org('township-1'), parents)).toBe(false);
    expect(can(actor('admin'), 'manage_templates', org('city'), parents)).toBe(false);
    expect(can(actor('editor'), 'manage_templates', org('county-1'), parents)).toBe(false);
    expect(can(actor('admin'), 'manage_templates', planOf('county-1'), parents)).toBe(false);
  });

  it.each(['create_plans', 'manage_disclosure'] as const)(
    'lets only an organisation’s own admins %s (its new year’s plan, its public fields)',
    (action) => {
      const org = (orgId: string) => ({ kind: 'org', orgId }) as const;
      expect(can(actor('admin'), action, org('county-1'), parents)).toBe(true);
      expect(can(actor('admin'), action, org('township-1'), parents)).toBe(false);
      expect(can(actor('admin'), action, org('city'), parents)).toBe(false);
      expect(can(actor('editor'), action, org('county-1'), parents)).toBe(false);
      expect(can(actor('admin'), action, planOf('county-1'), parents)).toBe(false);
      expect(can(null, action, org('county-1'), parents)).toBe(false);
    },
  );

  it('lets an organisation’s own admins and editors organise its meetings, nobody else', () => {
    const org = (orgId: string) => ({ kind: 'org', orgId }) as const;
    expect(can(actor('admin'), 'organise_meetings', org('county-1'), parents)).toBe(true);
    expect(can(actor('editor'), 'organise_meetings', org('county-1'), parents)).toBe(true);
    expect(can(actor('viewer'), 'organise_meetings', org('county-1'), parents)).toBe(false);
    expect(can(actor('deputy'), 'organise_meetings', org('county-1'), parents)).toBe(false);
    expect(can(actor('admin'), 'organise_meetings', org('township-1'), parents)).toBe(false);
    expect(can(actor('editor'), 'organise_meetings', org('city'), parents)).toBe(false);
    expect(can(actor('admin'), 'organise_meetings', planOf('county-1'), parents)).toBe(false);
  });

  it('maps to document access levels and unions memberships', () => {
    expect(planDocAccess(actor('editor'), planOf('county-1'), parents)).toBe('write');
    expect(planDocAccess(actor('editor'), planOf('city'), parents)).toBe('read');
    expect(planDocAccess(actor('deputy'), planOf('township-1'), parents)).toBe('none');
    expect(planDocAccess(null, planOf('city', 'published'), parents)).toBe('none');
    const both: Actor = {
      userId: 'u',
      memberships: [
        { orgId: 'city', role: 'viewer' },
        { orgId: 'county-2', role: 'editor' },
      ],
    };
    expect(planDocAccess(both, planOf('county-2'), parents)).toBe('write');
    expect(planDocAccess(both, planOf('township-1'), parents)).toBe('read');
  });
});
