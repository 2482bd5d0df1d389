import { PLAN_STATUSES, type PlanStatus, type Role } from './glossary';

/**
 * The access policy of DESIGN.md, in one place. Every channel (REST, `/yjs`, socket.io) asks `can()`;
 * nothing else decides who may read or change what.
 */

/** How the organisation owning a resource stands to one of the user's organisations. */
export type Relation = 'own' | 'parent' | 'child' | 'peer';

/** What a user may do with a plan (DESIGN.md's access table). */
export type PlanAction = 'read' | 'write' | 'link' | 'workflow' | 'propose';
/**
 * What a user may do with an organisation (`manage_templates`: its own method step templates;
 * `organise_meetings`: create its meetings and set their agenda and members; `create_plans`: open
 * its plan of a new year; `manage_disclosure`: choose which fields of its published plans are public).
 */
export type OrgAction =
  'manage_members' | 'manage_templates' | 'organise_meetings' | 'create_plans' | 'manage_disclosure';
/** Anything the policy decides. */
export type Action = PlanAction | OrgAction;

/** A user's role in one organisation. */
export type Membership = { orgId: string; role: Role };
/** A signed-in user as the policy sees them; `null` is a signed-out visitor. */
export type Actor = { userId: string; memberships: readonly Membership[] } | null;

/** What an action is on: a plan (whose status matters) or an organisation. */
export type Resource = { kind: 'plan'; orgId: string; status: PlanStatus } | { kind: 'org'; orgId: string };

/** The organisation tree as the policy needs it: each organisation's parent. */
export type OrgParents = ReadonlyMap<string, string | null>;

/** Statuses from which a plan is public: published and everything after it. */
export const PUBLISHED_STATUSES: ReadonlySet<PlanStatus> = new Set(
  PLAN_STATUSES.slice(PLAN_STATUSES.indexOf('published')),
);

/** DESIGN.md's access table: what each role may do on plans by relation. Peers see published plans only (below). */
const PLAN_TABLE: Record<Role, Record<Exclude<Relation, 'peer'>, readonly PlanAction[]>> = {
  admin: { own: ['read', 'write', 'workflow'], parent: ['read'], child: ['read'] },
  editor: { own: ['read', 'write'], parent: ['read', 'link'], child: ['read'] },
  viewer: { own: ['read'], parent: ['read'], child: ['read'] },
  deputy: { own: ['read', 'propose'], parent: ['read'], child: [] },
};

/** Whether a role reads the plans of the organisations below its own (DESIGN.md's "children's plans" column). */
export function roleReadsChildren(role: Role): boolean {
  return PLAN_TABLE[role].child.includes('read');
}

/** Ancestors of an organisation, nearest first. Stops on cycles so a corrupt tree cannot hang a request. */
export function ancestorsOf(parents: OrgParents, orgId: string): string[] {
  const seen: string[] = [];
  let current = parents.get(orgId) ?? null;
  while (current !== null && !seen.includes(current) && current !== orgId) {
    seen.push(current);
    current = parents.get(current) ?? null;
  }
  return seen;
}

/** How `target` stands to `home`: the same organisation, one above it, one below it, or neither. */
export function relationOf(parents: OrgParents, home: string, target: string): Relation {
  if (home === target) return 'own';
  if (ancestorsOf(parents, home).includes(target)) return 'parent';
  if (ancestorsOf(parents, target).includes(home)) return 'child';
  return 'peer';
}

/** The actions on a plan; an organisation's actions never apply to one. */
const PLAN_ACTIONS: ReadonlySet<Action> = new Set<PlanAction>([
  'read',
  'write',
  'link',
  'workflow',
  'propose',
]);

function isPlanAction(action: Action): action is PlanAction {
  return PLAN_ACTIONS.has(action);
}

function membershipAllows(
  parents: OrgParents,
  membership: Membership,
  action: Action,
  resource: Resource,
): boolean {
  const relation = relationOf(parents, membership.orgId, resource.orgId);
  if (resource.kind === 'org') {
    // Templates, each year's plan and what it publishes are the organisation's own call: only its own
    // admins decide them, not those above.
    if (action === 'manage_templates' || action === 'create_plans' || action === 'manage_disclosure')
      return membership.role === 'admin' && relation === 'own';
    // Its office staff (admins and editors) organise its own meetings; nobody organises another's.
    if (action === 'organise_meetings')
      return (membership.role === 'admin' || membership.role === 'editor') && relation === 'own';
    // An admin manages their own organisation and those below it, never above.
    return (
      action === 'manage_members' &&
      membership.role === 'admin' &&
      (relation === 'own' || relation === 'child')
    );
  }
  if (!isPlanAction(action)) return false;
  if (relation === 'peer') return action === 'read' && PUBLISHED_STATUSES.has(resource.status);
  return PLAN_TABLE[membership.role][relation].includes(action);
}

/**
 * Whether an actor may perform an action on a resource, by DESIGN.md's table. A signed-out visitor may only
 * read a published plan (whose public fields the public routes choose). A deputy never reads a child's
 * plan, even a published one: the table says "—", and the public page shows them what it shows anyone.
 */
export function can(actor: Actor, action: Action, resource: Resource, parents: OrgParents): boolean {
  if (actor === null)
    return resource.kind === 'plan' && action === 'read' && PUBLISHED_STATUSES.has(resource.status);
  return actor.memberships.some((membership) => membershipAllows(parents, membership, action, resource));
}

/** What a document connection to a plan may do: edit, only read (updates dropped), or nothing. */
export function planDocAccess(
  actor: Actor,
  plan: { orgId: string; status: PlanStatus },
  parents: OrgParents,
): 'write' | 'read' | 'none' {
  const resource: Resource = { kind: 'plan', ...plan };
  if (actor === null) return 'none';
  if (can(actor, 'write', resource, parents)) return 'write';
  return can(actor, 'read', resource, parents) ? 'read' : 'none';
}
