import { Router, type Request } from 'express';
import {
  ancestorsOf,
  can,
  DEFAULT_COMMITTEES,
  defaultLifecycleSettings,
  SUPERVISED_BODIES,
  type OrgLevel,
  type Role,
  type SupervisedBody,
} from '@yipan/domain';
import {
  ErrorCode,
  MemberUpsertRequest,
  OrgCreateRequest,
  OrgUpdateRequest,
  PASSWORD_POLICY_MESSAGE,
  SecurityEventKind,
  SecurityEventsQuery,
  SessionsQuery,
  UserCreateRequest,
  type AdminOrgsResponse,
  type AdminUsersResponse,
  type Member,
  type MemberResponse,
  type MembersResponse,
  type OrgDetailResponse,
  type SecurityEventsResponse,
  type SessionsResponse,
  type UserCreateResponse,
  type UserSummary,
} from '@yipan/protocol';
import type { Database, MembershipRow, OrgPatch, OrgRow, UserRow } from '@yipan/db';
import type { Authenticated } from '../auth/AuthService';
import { isTopOrg, loadOrgTree, managedOrgIds, subtreeOf, type OrgTree } from '../auth/orgTree';
import { hashPassword } from '../auth/passwords';
import { randomId } from '../auth/tokens';
import { idParam, ipOf, parseInput, requireAuth, type ApiContext } from './apiContext';
import { endSession, sessionSummary } from './authRoutes';
import {
  badRequest,
  forbidden,
  invalidParent,
  lastAdmin,
  membershipNotFound,
  orgNotFound,
  sessionNotFound,
  userNotFound,
  usernameTaken,
} from './HttpError';
import { toOrgDetail } from './planRoutes';

/** Which levels may sit directly under which: the tree province → city → county → township / liaison office. */
const CHILD_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  province: ['city'],
  city: ['county', 'liaison_office'],
  county: ['township', 'liaison_office'],
  liaison_office: [],
  township: [],
};

/** A township or liaison office supervises only the government; the levels above all four bodies. */
function defaultSupervisedBodies(level: OrgLevel): SupervisedBody[] {
  return level === 'township' || level === 'liaison_office' ? ['gov'] : [...SUPERVISED_BODIES];
}

function toUserSummary(user: UserRow): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    createdAt: user.createdAt.toISOString(),
  };
}

function toMember(user: UserRow, membership: MembershipRow): Member {
  return { user: toUserSummary(user), orgId: membership.orgId, role: membership.role };
}

function checkLevel(parent: OrgRow, level: OrgLevel): void {
  if (!CHILD_LEVELS[parent.level].includes(level))
    throw invalidParent(
      `“${parent.name}”下不能设立该级别的组织 / An organisation of level ${level} cannot sit under a ${parent.level}`,
    );
}

/** Whether the organisation, or one above it, keeps an administrator once `without` is set aside. */
async function keepsAdmin(
  db: Database,
  tree: OrgTree,
  orgId: string,
  without: MembershipRow,
): Promise<boolean> {
  const chain = [orgId, ...ancestorsOf(tree.parents, orgId)];
  const admins = (await db.users.membershipsIn(chain)).filter(
    (membership) =>
      membership.role === 'admin' &&
      !(membership.userId === without.userId && membership.orgId === without.orgId),
  );
  return admins.length > 0;
}

/** The `/api/admin` routes: organisations, members, users, sessions and security events of the caller's subtree. */
export function adminRoutes(context: ApiContext): Router {
  const { db, audit, live } = context;
  const routes = Router();
  // Every administration route needs a session: signed-out callers get 401 before any validation.
  routes.use(async (request, _response, next) => {
    await requireAuth(request, context);
    next();
  });

  /** The caller, the tree, and a 403 unless they administer `orgId` (404 when it does not exist). */
  async function requireManager(request: Request, orgId: string) {
    const auth = await requireAuth(request, context);
    const tree = await loadOrgTree(db);
    if (!tree.byId.has(orgId)) throw orgNotFound();
    if (!can(auth.actor, 'manage_members', { kind: 'org', orgId }, tree.parents)) throw forbidden();
    return { auth, tree };
  }

  /** The caller, the tree and the organisations they administer; 403 when none. */
  async function requireAnyManagement(request: Request) {
    const auth = await requireAuth(request, context);
    const tree = await loadOrgTree(db);
    const managed = managedOrgIds(auth.actor, tree);
    if (managed.length === 0) throw forbidden();
    return { auth, tree, managed };
  }

  /** The organisations of a scoped list: one managed subtree when `orgId` is given, else all managed. */
  function scopeOf(tree: OrgTree, managed: string[], orgId: string | undefined): string[] {
    if (orgId === undefined) return managed;
    if (!tree.byId.has(orgId)) throw orgNotFound();
    if (!managed.includes(orgId)) throw forbidden();
    return subtreeOf(tree, orgId);
  }

  function recordFor(request: Request, auth: Authenticated) {
    return { actorId: auth.user.id, ip: ipOf(request, context) };
  }

  routes.get('/orgs', async (request, response) => {
    const { tree, managed } = await requireAnyManagement(request);
    const body: AdminOrgsResponse = {
      orgs: tree.orgs.filter((org) => managed.includes(org.id)).map(toOrgDetail),
    };
    response.json(body);
  });

  routes.post('/orgs', async (request, response) => {
    const input = parseInput(OrgCreateRequest, request.body);
    const { auth, tree } = await requireManager(request, input.parentId);
    const parent = tree.byId.get(input.parentId);
    if (!parent) throw orgNotFound();
    checkLevel(parent, input.level);
    const org: OrgRow = {
      id: randomId('org'),
      name: input.name,
      level: input.level,
      parentId: parent.id,
      sortOrder: Math.max(0, ...tree.orgs.map((row) => row.sortOrder)) + 1,
      committees: input.committees ?? [...DEFAULT_COMMITTEES],
      supervisedBodies: input.supervisedBodies ?? defaultSupervisedBodies(input.level),
      reportingUnits: input.reportingUnits ?? [],
      settings: input.settings ?? defaultLifecycleSettings(input.level),
    };
    await db.orgs.insert(org);
    await audit.record({
      ...recordFor(request, auth),
      kind: 'org_created',
      target: `org:${org.id}`,
      orgId: org.id,
      detail: { name: org.name, level: org.level, parentId: org.parentId },
    });
    const body: OrgDetailResponse = { org: toOrgDetail(org) };
    response.status(201).json(body);
  });

  routes.patch('/orgs/:orgId', async (request, response) => {
    const orgId = idParam(request, 'orgId');
    const input = parseInput(OrgUpdateRequest, request.body);
    const { auth, tree } = await requireManager(request, orgId);
    const org = tree.byId.get(orgId);
    if (!org) throw orgNotFound();
    const moving = input.parentId !== undefined && input.parentId !== org.parentId;
    const level = input.level ?? org.level;
    const parentId = input.parentId ?? org.parentId;
    if (parentId !== null) {
      const parent = tree.byId.get(parentId);
      if (!parent) throw orgNotFound();
      if (moving && !can(auth.actor, 'manage_members', { kind: 'org', orgId: parentId }, tree.parents))
        throw forbidden();
      if (subtreeOf(tree, orgId).includes(parentId))
        throw invalidParent('不能移到自身或下级组织之下 / An organisation cannot move under itself or below');
      if (moving || input.level !== undefined) checkLevel(parent, level);
    } else if (input.level !== undefined && input.level !== org.level) {
      throw invalidParent('顶级组织不能更改级别 / The level of a top organisation cannot change');
    }
    for (const child of tree.orgs.filter((row) => row.parentId === orgId))
      if (input.level !== undefined && !CHILD_LEVELS[level].includes(child.level))
        throw invalidParent(`下级组织“${child.name}”与该级别不符 / A child does not fit that level`);
    const patch: OrgPatch = { ...input };
    const changed = Object.fromEntries(
      (Object.keys(patch) as (keyof OrgPatch)[])
        .filter((key) => JSON.stringify(patch[key]) !== JSON.stringify(org[key]))
        .map((key) => [key, { from: org[key], to: patch[key] }]),
    );
    const updated = await db.orgs.update(orgId, patch);
    if (!updated) throw orgNotFound();
    if (Object.keys(changed).length > 0)
      await audit.record({
        ...recordFor(request, auth),
        kind: 'org_changed',
        target: `org:${orgId}`,
        orgId,
        detail: changed,
      });
    // A move changes who relates to whom: every open connection re-checks its access.
    if (moving) await live.recheckAll();
    const body: OrgDetailResponse = { org: toOrgDetail(updated) };
    response.json(body);
  });

  routes.get('/orgs/:orgId/members', async (request, response) => {
    const orgId = idParam(request, 'orgId');
    await requireManager(request, orgId);
    const memberships = await db.users.membershipsIn([orgId]);
    const users = new Map((await db.users.getMany(memberships.map((m) => m.userId))).map((u) => [u.id, u]));
    const body: MembersResponse = {
      members: memberships.flatMap((membership) => {
        const user = users.get(membership.userId);
        return user ? [toMember(user, membership)] : [];
      }),
    };
    response.json(body);
  });

  routes.put('/orgs/:orgId/members/:userId', async (request, response) => {
    const orgId = idParam(request, 'orgId');
    const userId = idParam(request, 'userId');
    const { role } = parseInput(MemberUpsertRequest, request.body);
    const { auth, tree } = await requireManager(request, orgId);
    const user = await db.users.get(userId);
    if (!user) throw userNotFound();
    const previous = (await db.users.memberships(userId)).find((m) => m.orgId === orgId) ?? null;
    const membership: MembershipRow = { userId, orgId, role };
    if (previous?.role === 'admin' && role !== 'admin' && !(await keepsAdmin(db, tree, orgId, previous)))
      throw lastAdmin();
    if (previous?.role !== role) {
      await db.users.addMembership(membership);
      await audit.record({
        ...recordFor(request, auth),
        kind: 'membership_changed',
        target: `user:${userId}`,
        orgId,
        detail: { userId, role: { from: previous?.role ?? null, to: role } },
      });
      await live.recheckUser(userId);
    }
    const body: MemberResponse = { member: toMember(user, membership) };
    response.json(body);
  });

  routes.delete('/orgs/:orgId/members/:userId', async (request, response) => {
    const orgId = idParam(request, 'orgId');
    const userId = idParam(request, 'userId');
    const { auth, tree } = await requireManager(request, orgId);
    const previous = (await db.users.memberships(userId)).find((m) => m.orgId === orgId);
    if (!previous) throw membershipNotFound();
    if (previous.role === 'admin' && !(await keepsAdmin(db, tree, orgId, previous))) throw lastAdmin();
    await db.users.removeMembership(userId, orgId);
    await audit.record({
      ...recordFor(request, auth),
      kind: 'membership_changed',
      target: `user:${userId}`,
      orgId,
      detail: { userId, role: { from: previous.role, to: null } },
    });
    await live.recheckUser(userId);
    response.status(204).end();
  });

  routes.get('/users', async (request, response) => {
    const { managed } = await requireAnyManagement(request);
    const memberships = await db.users.membershipsIn(managed);
    const users = await db.users.getMany([...new Set(memberships.map((m) => m.userId))]);
    const body: AdminUsersResponse = {
      users: users.map((user) => ({
        ...toUserSummary(user),
        memberships: memberships
          .filter((m) => m.userId === user.id)
          .map(({ orgId, role }) => ({ orgId, role })),
      })),
    };
    response.json(body);
  });

  routes.post('/users', async (request, response) => {
    const parsed = UserCreateRequest.safeParse(request.body);
    // A password the policy refuses has its own code, so the form can say what a password needs.
    if (!parsed.success && parsed.error.issues.some((issue) => issue.path[0] === 'password'))
      throw badRequest(PASSWORD_POLICY_MESSAGE, ErrorCode.weakPassword);
    const input = parsed.success ? parsed.data : parseInput(UserCreateRequest, request.body);
    const { auth } = await requireManager(request, input.membership.orgId);
    if (await db.users.getByUsername(input.username)) throw usernameTaken();
    const user = {
      id: randomId('usr'),
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
    };
    try {
      await db.users.insert(user);
    } catch (error) {
      // Another request took the name between the check and the insert.
      if (await db.users.getByUsername(input.username)) throw usernameTaken();
      throw error;
    }
    const role: Role = input.membership.role;
    await db.users.addMembership({ userId: user.id, orgId: input.membership.orgId, role });
    await audit.record({
      ...recordFor(request, auth),
      kind: 'user_created',
      target: `user:${user.id}`,
      orgId: input.membership.orgId,
      detail: { username: user.username, role },
    });
    const created = await db.users.get(user.id);
    if (!created) throw userNotFound();
    const body: UserCreateResponse = {
      user: toUserSummary(created),
      memberships: [{ orgId: input.membership.orgId, role }],
    };
    response.status(201).json(body);
  });

  routes.get('/sessions', async (request, response) => {
    const { orgId } = parseInput(SessionsQuery, request.query);
    const { auth, tree, managed } = await requireAnyManagement(request);
    const scope = scopeOf(tree, managed, orgId);
    const userIds = [...new Set((await db.users.membershipsIn(scope)).map((m) => m.userId))];
    const users = new Map((await db.users.getMany(userIds)).map((user) => [user.id, user]));
    const open = await db.sessions.listOpen(userIds, new Date(context.auth.now()));
    const body: SessionsResponse = {
      sessions: open.flatMap((session) => {
        const user = users.get(session.userId);
        if (!user || context.auth.statusOf(session) !== 'ok') return [];
        return [sessionSummary(session, user, auth.session.id, context)];
      }),
    };
    response.json(body);
  });

  routes.delete('/sessions/:sessionId', async (request, response) => {
    const sessionId = idParam(request, 'sessionId');
    const auth = await requireAuth(request, context);
    const session = await db.sessions.get(sessionId);
    if (!session) throw sessionNotFound();
    const tree = await loadOrgTree(db);
    const ownerMemberships = await db.users.memberships(session.userId);
    const allowed =
      session.userId === auth.user.id ||
      ownerMemberships.some((m) =>
        can(auth.actor, 'manage_members', { kind: 'org', orgId: m.orgId }, tree.parents),
      );
    // Not "forbidden": whether a session id exists is not for outsiders to learn.
    if (!allowed) throw sessionNotFound();
    if (await endSession(context, sessionId, 'revoked', auth.user.id)) {
      const homeOrg = ownerMemberships.find((m) =>
        can(auth.actor, 'manage_members', { kind: 'org', orgId: m.orgId }, tree.parents),
      )?.orgId;
      await audit.record({
        ...recordFor(request, auth),
        kind: 'session_revoked',
        target: `session:${sessionId}`,
        orgId: homeOrg ?? ownerMemberships[0]?.orgId ?? null,
        detail: { userId: session.userId },
      });
    }
    response.status(204).end();
  });

  routes.get('/security-events', async (request, response) => {
    const query = parseInput(SecurityEventsQuery, request.query);
    const { tree, managed } = await requireAnyManagement(request);
    const orgIds = scopeOf(tree, managed, query.orgId);
    const rows = await db.audit.list({
      orgIds,
      includeUnscoped: query.orgId === undefined && managed.some((orgId) => isTopOrg(tree, orgId)),
      kind: query.kind,
      before: query.before,
      limit: query.limit,
    });
    const actors = new Map(
      (await db.users.getMany([...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))])).map(
        (user) => [user.id, user],
      ),
    );
    const body: SecurityEventsResponse = {
      events: rows.flatMap((row) => {
        const kind = SecurityEventKind.safeParse(row.kind);
        if (!kind.success) return [];
        const actor = row.actorId ? actors.get(row.actorId) : undefined;
        return {
          id: row.id,
          at: row.at.toISOString(),
          kind: kind.data,
          actor: row.actorId ? { id: row.actorId, displayName: actor?.displayName ?? row.actorId } : null,
          target: row.target,
          orgId: row.orgId,
          ip: row.ip,
          detail: row.detail,
        };
      }),
    };
    response.json(body);
  });

  return routes;
}
