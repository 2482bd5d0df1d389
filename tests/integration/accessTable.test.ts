import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTopic, listTopics, planDocName, topicNotes, type Role } from '@yipan/domain';
import {
  BoardErrorCode,
  CloseCode,
  ErrorBody,
  ErrorCode,
  PlanResponse,
  UserCreateResponse,
} from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { connectSynced, docUrl } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import { probeDoc } from '../support/rawSocket';
import { TEST_PASSWORD, type SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/*
 * DESIGN.md "Access rules", written out as explicit expectations (not derived from `can()`), and checked
 * for every role at every level, against own, parent, child, peer and unrelated organisations, on every
 * channel: REST, `/yjs` and socket.io. Every denied case also checks that nothing changed. The rule of every
 * single route and event is listed in tests/support/accessTable.ts, which accessCoverage.test.ts keeps complete.
 */

type Level = 'city' | 'county' | 'township';
type Who = Role | 'signed_out';
type Relation = 'own' | 'parent' | 'child' | 'peer' | 'unrelated';
type Action = 'read' | 'write' | 'link' | 'workflow' | 'propose' | 'manage_members';

const HOME: Record<Level, string> = { city: 'city', county: 'county-1', township: 'township-1' };

/** An organisation without any relation to the demo city: a second city, added for this test. */
const OTHER_CITY = 'other-city';
/** A peer county made to have a published plan, so "peers: published only" is exercised both ways. */
const PUBLISHED_PEER = 'county-3';

type Target = { orgId: string; relation: Relation; published: boolean };

/**
 * From each home organisation, one target per relation (more where the published flag differs). Demo
 * statuses: city and county-1 executing (published), county-2 and township-1 approved, the rest soliciting;
 * county-3 is set to published below.
 */
const TARGETS: Record<Level, Target[]> = {
  city: [
    { orgId: 'city', relation: 'own', published: true },
    { orgId: 'county-1', relation: 'child', published: true },
    { orgId: 'county-2', relation: 'child', published: false },
    { orgId: 'township-1', relation: 'child', published: false },
    { orgId: OTHER_CITY, relation: 'unrelated', published: false },
  ],
  county: [
    { orgId: 'county-1', relation: 'own', published: true },
    { orgId: 'city', relation: 'parent', published: true },
    { orgId: 'township-1', relation: 'child', published: false },
    { orgId: 'county-2', relation: 'peer', published: false },
    { orgId: PUBLISHED_PEER, relation: 'peer', published: true },
    { orgId: 'liaison-1', relation: 'unrelated', published: false },
    { orgId: OTHER_CITY, relation: 'unrelated', published: false },
  ],
  township: [
    { orgId: 'township-1', relation: 'own', published: false },
    { orgId: 'county-1', relation: 'parent', published: true },
    { orgId: 'city', relation: 'parent', published: true },
    { orgId: 'township-2', relation: 'peer', published: false },
    { orgId: 'county-2', relation: 'unrelated', published: false },
    { orgId: PUBLISHED_PEER, relation: 'unrelated', published: true },
  ],
};

/**
 * DESIGN.md's table for plans that are not published. Published plans add `read` for everyone signed in,
 * except where the table says "—" even for them: a deputy on a child's plan.
 */
const ALLOWED: Record<Who, Record<Relation, Action[]>> = {
  admin: {
    own: ['read', 'write', 'workflow', 'manage_members'],
    parent: ['read'],
    child: ['read', 'manage_members'],
    peer: [],
    unrelated: [],
  },
  editor: { own: ['read', 'write'], parent: ['read', 'link'], child: ['read'], peer: [], unrelated: [] },
  viewer: { own: ['read'], parent: ['read'], child: ['read'], peer: [], unrelated: [] },
  deputy: { own: ['read', 'propose'], parent: ['read'], child: [], peer: [], unrelated: [] },
  signed_out: { own: [], parent: [], child: [], peer: [], unrelated: [] },
};

function expectedActions(who: Who, target: Target): Set<Action> {
  const actions = new Set(ALLOWED[who][target.relation]);
  const neverRead = who === 'deputy' && target.relation === 'child';
  if (who !== 'signed_out' && target.published && !neverRead) actions.add('read');
  return actions;
}

const ROLES: Role[] = ['admin', 'editor', 'viewer', 'deputy'];
const LEVELS: Level[] = ['city', 'county', 'township'];
const planOf = (orgId: string) => `${orgId}-2021`;
const userName = (role: Role, level: Level) => `acl.${role}.${level}`;
/** The account whose membership the manage-members check adds and removes again. */
const PROBE_USER = 'acl.probe';

describeEachDialect('the access table on every channel', (dialect) => {
  const { running } = useTestServer(dialect);
  const sessions = new Map<string, { client: SignedIn; token: string; board: BoardSocket }>();
  let probeUserId = '';

  /** Everything a denied action must leave untouched, for one plan and its organisation. */
  async function stateOf(planId: string, orgId: string): Promise<string> {
    const { db } = running().server;
    await db.docs.flush();
    const log = await db.docs.history(planDocName(planId));
    const doc = new Y.Doc();
    for (const entry of log) Y.applyUpdate(doc, entry.update);
    const state = {
      plan: await db.plans.get(planId),
      updates: log.length,
      topics: listTopics(doc, { includeArchived: true }),
      stateVector: Array.from(Y.encodeStateVector(doc)),
      members: await db.users.membershipsIn([orgId]),
      orgs: await db.orgs.list(),
      users: await db.users.count(),
    };
    doc.destroy();
    return JSON.stringify(state);
  }

  beforeAll(async () => {
    const { db } = running().server;
    await db.orgs.insert({
      id: OTHER_CITY,
      name: '另一市',
      level: 'city',
      parentId: null,
      sortOrder: 99,
      committees: [],
      supervisedBodies: ['gov'],
      reportingUnits: [],
    });
    await db.plans.insert({
      id: planOf(OTHER_CITY),
      orgId: OTHER_CITY,
      year: 2021,
      title: '另一市计划',
      status: 'collating',
    });
    await db.plans.setStatus(planOf(PUBLISHED_PEER), 'published');

    // The accounts are created through the admin API, as the city's administrator would.
    const cityAdmin = await running().signIn('city.admin');
    const create = async (username: string, orgId: string, role: Role) => {
      const response = await cityAdmin.fetch('/api/admin/users', {
        method: 'POST',
        body: JSON.stringify({
          username,
          displayName: username,
          password: `${TEST_PASSWORD}-Acl1`,
          membership: { orgId, role },
        }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return UserCreateResponse.parse(await response.json()).user.id;
    };
    probeUserId = await create(PROBE_USER, 'township-2', 'viewer');
    for (const level of LEVELS)
      for (const role of ROLES) {
        const username = userName(role, level);
        await create(username, HOME[level], role);
        const client = await running().signIn(username, `${TEST_PASSWORD}-Acl1`);
        const token = await client.syncToken();
        const board = await connectBoardSocket(running().baseUrl, { token });
        if (!board.ok) throw new Error(`board refused ${username}: ${board.code}`);
        sessions.set(username, { client, token, board: board.socket });
      }
  });

  // Runs before the server's own afterAll stops it.
  afterAll(() => {
    for (const { board } of sessions.values()) board.disconnect();
  });

  /** What the server lets `who` do to a target, found by asking each channel. */
  async function observe(who: Who, level: Level, target: Target): Promise<Record<string, unknown>> {
    const planId = planOf(target.orgId);
    const session = who === 'signed_out' ? null : sessions.get(userName(who, level));
    const call = (path: string, init?: RequestInit) =>
      session ? session.client.fetch(path, init) : fetch(`${running().baseUrl}${path}`, init);
    const observed: Record<string, unknown> = {};
    const unchanged = async (what: string, act: () => Promise<void>) => {
      const before = await stateOf(planId, target.orgId);
      await act();
      expect(await stateOf(planId, target.orgId), `${what} changed nothing`).toBe(before);
    };

    // REST: the plan (read) and the permissions it reports (write, link, propose).
    const plan = await call(`/api/plans/${planId}`);
    if (plan.status === 200) {
      const { permissions } = PlanResponse.parse(await plan.json()).plan;
      observed.rest = permissions;
    } else {
      observed.rest = { status: plan.status, code: ErrorBody.parse(await plan.json()).error.code };
    }

    // REST: workflow (an illegal move, so those allowed get the lifecycle's 409 and nothing changes).
    await unchanged('a lifecycle transition', async () => {
      const response = await call(`/api/plans/${planId}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: 'archived', note: 'acl' }),
      });
      observed.workflow = response.status;
    });

    // REST: manage members of the target's organisation.
    const membersPath = `/api/admin/orgs/${target.orgId}/members/${probeUserId}`;
    const put = async () => {
      const response = await call(membersPath, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'viewer' }),
      });
      observed.manage = response.status;
    };
    if (expectedActions(who, target).has('manage_members')) {
      await put();
      if (observed.manage === 200)
        expect((await call(membersPath, { method: 'DELETE' })).status, 'removing the probe again').toBe(204);
    } else await unchanged('managing members', put);

    // REST, one chessboard (issue 6): the matrix needs read; answering needs write (an empty answer, so those
    // allowed get 400 and nothing changes).
    observed.alignment = (await call(`/api/plans/${planId}/alignment`)).status;
    await unchanged('an answer to a parent topic', async () => {
      const response = await call(`/api/plans/${planId}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({}),
      });
      observed.answers = response.status;
    });

    // /yjs: refused (4401 / 4403), or accepted; then whether an edit is stored or dropped.
    const url = docUrl(running().syncUrl, planDocName(planId), {}, session?.token ?? null);
    const probe = await probeDoc(url);
    if (!probe.accepted) observed.yjs = probe.code;
    else {
      probe.socket.close();
      const client = await connectSynced(running().syncUrl, planId, { token: session?.token ?? null });
      const { db, stats } = running().server;
      const stored = (await db.docs.history(planDocName(planId))).length;
      const dropped = stats.droppedReadOnlyUpdates;
      const before = await stateOf(planId, target.orgId);
      // Execution data (a topic's notes) is editable in every status; a plan without topics gets one.
      const [first] = client.topics();
      if (first) topicNotes(client.doc, first.id)?.insert(0, `访问控制探针 ${who} ${level}`);
      else addTopic(client.doc, { title: `访问控制探针 ${who} ${level}` });
      observed.yjs = await waitFor('the edit to be stored or dropped', async () => {
        if (stats.droppedReadOnlyUpdates > dropped) return 'read-only';
        return (await db.docs.history(planDocName(planId))).length > stored ? 'writes' : null;
      });
      if (observed.yjs === 'read-only')
        expect(await stateOf(planId, target.orgId), 'a dropped edit changed nothing').toBe(before);
      client.close();
    }

    // socket.io: watching the plan (signed-out visitors are refused at the handshake).
    if (session) observed.board = await session.board.emitWithAck('plan:watch', { planId });
    else observed.board = (await connectBoardSocket(running().baseUrl)).ok ? 'connected' : 'refused';
    return observed;
  }

  /** What the table says each channel must answer. */
  function expectedObservation(who: Who, target: Target): Record<string, unknown> {
    const allowed = expectedActions(who, target);
    if (who === 'signed_out')
      return {
        rest: { status: 401, code: ErrorCode.unauthenticated },
        workflow: 401,
        manage: 401,
        alignment: 401,
        answers: 401,
        yjs: CloseCode.unauthenticated,
        board: 'refused',
      };
    return {
      rest: allowed.has('read')
        ? {
            read: true,
            write: allowed.has('write'),
            link: allowed.has('link'),
            workflow: allowed.has('workflow'),
            propose: allowed.has('propose'),
          }
        : { status: 403, code: ErrorCode.forbidden },
      workflow: allowed.has('workflow') ? 409 : 403,
      manage: allowed.has('manage_members') ? 200 : 403,
      alignment: allowed.has('read') ? 200 : 403,
      answers: allowed.has('write') ? 400 : 403,
      yjs: !allowed.has('read') ? CloseCode.forbidden : allowed.has('write') ? 'writes' : 'read-only',
      board: allowed.has('read') ? { ok: true } : { ok: false, code: BoardErrorCode.forbidden },
    };
  }

  for (const level of LEVELS)
    for (const who of [...ROLES, 'signed_out'] as Who[]) {
      const label = who === 'signed_out' ? `a signed-out visitor to ${level} targets` : `a ${level} ${who}`;
      it(`${label}: exactly what the table allows, on REST, /yjs and socket.io`, async () => {
        for (const target of TARGETS[level]) {
          const observed = await observe(who, level, target);
          expect(observed, `${label} on ${target.orgId} (${target.relation})`).toEqual(
            expectedObservation(who, target),
          );
        }
      });
    }

  it('links: an editor may read the parent plan it links to and write its own', async () => {
    const editor = sessions.get(userName('editor', 'county'));
    if (!editor) throw new Error('no county editor');
    const parent = PlanResponse.parse(await (await editor.client.fetch('/api/plans/city-2021')).json());
    const own = PlanResponse.parse(await (await editor.client.fetch('/api/plans/county-1-2021')).json());
    expect(parent.plan.permissions).toMatchObject({ read: true, write: false, link: true });
    expect(own.plan.permissions).toMatchObject({ read: true, write: true, link: false });
  });

  it('lists the organisations a user may see: own, ancestors, descendants (not a deputy’s) and peers with published plans', async () => {
    const orgsOf = async (username: string) => {
      const session = sessions.get(username);
      if (!session) throw new Error(username);
      const body = (await (await session.client.fetch('/api/orgs')).json()) as { orgs: { id: string }[] };
      return body.orgs.map((org) => org.id).sort();
    };
    expect(await orgsOf(userName('viewer', 'township'))).toEqual(
      ['city', 'county-1', PUBLISHED_PEER, 'township-1'].sort(),
    );
    expect(await orgsOf(userName('viewer', 'county'))).toEqual(
      ['city', 'county-1', PUBLISHED_PEER, 'township-1', 'township-2'].sort(),
    );
    // A deputy reads no child's plan, published or not, so no child organisation is listed to them.
    expect(await orgsOf(userName('deputy', 'city'))).toEqual(['city']);
    expect(await orgsOf(userName('deputy', 'county'))).toEqual(['city', 'county-1', PUBLISHED_PEER].sort());
  });
});
