import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_COMMITTEES, updateTopic } from '@yipan/domain';
import {
  AdminOrgsResponse,
  AdminUsersResponse,
  ErrorBody,
  ErrorCode,
  MembersResponse,
  OrgDetailResponse,
  PlanHistoryResponse,
  SecurityEventsResponse,
  UserCreateResponse,
} from '@yipan/protocol';
import { CloseCode } from '@yipan/protocol';
import { docUrl } from '../support/connectClient';
import { probeDoc } from '../support/rawSocket';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { TEST_EDITOR } from '../support/startServer';
import { openAdjustment } from '../support/openAdjustment';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const STRONG_PASSWORD = 'Township-2021';

async function codeOf(response: Response): Promise<{ status: number; code: string }> {
  return { status: response.status, code: ErrorBody.parse(await response.json()).error.code };
}

describeEachDialect('administration, the audit trail and plan history', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  let cityAdmin: SignedIn;
  let countyAdmin: SignedIn;
  const json = (body: unknown) => ({ body: JSON.stringify(body) });

  beforeAll(async () => {
    cityAdmin = await running().signIn('city.admin');
    // The demo plan whose history is read is approved: the test editor changes it within an adjustment.
    await openAdjustment(running().editor, 'county-2-2021');
    countyAdmin = await running().signIn('county.admin');
  });

  it('an admin manages organisations at and below their own, never above', async () => {
    const managed = AdminOrgsResponse.parse(await (await countyAdmin.fetch('/api/admin/orgs')).json());
    expect(managed.orgs.map((org) => org.id).sort()).toEqual(['county-1', 'township-1', 'township-2']);
    expect(managed.orgs.find((org) => org.id === 'county-1')?.committees).toEqual([...DEFAULT_COMMITTEES]);

    const created = await countyAdmin.fetch('/api/admin/orgs', {
      method: 'POST',
      ...json({
        name: '新建镇',
        level: 'township',
        parentId: 'county-1',
        reportingUnits: ['镇政府', '镇政府'],
      }),
    });
    expect(created.status).toBe(201);
    const { org } = OrgDetailResponse.parse(await created.json());
    expect(org).toMatchObject({
      name: '新建镇',
      level: 'township',
      parentId: 'county-1',
      committees: [...DEFAULT_COMMITTEES],
      supervisedBodies: ['gov'],
      reportingUnits: ['镇政府'],
    });

    const renamed = await countyAdmin.fetch(`/api/admin/orgs/${org.id}`, {
      method: 'PATCH',
      ...json({ name: '新建镇（更名）', committees: ['镇人大主席团'] }),
    });
    expect(OrgDetailResponse.parse(await renamed.json()).org).toMatchObject({
      name: '新建镇（更名）',
      committees: ['镇人大主席团'],
    });

    const above = [
      countyAdmin.fetch('/api/admin/orgs', {
        method: 'POST',
        ...json({ name: '越级', level: 'county', parentId: 'city' }),
      }),
      countyAdmin.fetch('/api/admin/orgs/city', { method: 'PATCH', ...json({ name: '篡改' }) }),
      countyAdmin.fetch('/api/admin/orgs/county-2/members', {}),
      countyAdmin.fetch(`/api/admin/orgs/${org.id}`, { method: 'PATCH', ...json({ parentId: 'county-2' }) }),
    ];
    for (const response of await Promise.all(above))
      expect(await codeOf(response)).toEqual({ status: 403, code: ErrorCode.forbidden });
    expect((await running().server.db.orgs.get('city'))?.name).toBe('示范市');

    expect(
      await codeOf(
        await countyAdmin.fetch('/api/admin/orgs', {
          method: 'POST',
          ...json({ name: '错级', level: 'city', parentId: 'county-1' }),
        }),
      ),
    ).toEqual({ status: 400, code: ErrorCode.invalidParent });
    expect(
      await codeOf(
        await countyAdmin.fetch('/api/admin/orgs/county-1', {
          method: 'PATCH',
          ...json({ parentId: org.id }),
        }),
      ),
    ).toEqual({ status: 400, code: ErrorCode.invalidParent });
    const editor = await running().signIn('county.editor');
    expect((await editor.fetch('/api/admin/orgs')).status).toBe(403);
  });

  it('creates users with a first membership, enforcing the password policy and unique names', async () => {
    const body = {
      username: 'township.viewer',
      displayName: '青石镇人大 钱七',
      password: STRONG_PASSWORD,
      membership: { orgId: 'township-2', role: 'viewer' },
    };
    const weak = await countyAdmin.fetch('/api/admin/users', {
      method: 'POST',
      ...json({ ...body, password: 'short' }),
    });
    const weakBody = ErrorBody.parse(await weak.json());
    expect(weak.status).toBe(400);
    expect(weakBody.error.code).toBe(ErrorCode.weakPassword);
    expect(weakBody.error.message).toMatch(/密码至少 10 个字符.* \/ A password needs at least 10 characters/);
    expect(
      await codeOf(
        await countyAdmin.fetch('/api/admin/users', {
          method: 'POST',
          ...json({ ...body, membership: { orgId: 'city', role: 'viewer' } }),
        }),
      ),
    ).toEqual({ status: 403, code: ErrorCode.forbidden });

    const created = await countyAdmin.fetch('/api/admin/users', { method: 'POST', ...json(body) });
    expect(created.status).toBe(201);
    const { user } = UserCreateResponse.parse(await created.json());
    expect(
      await codeOf(await countyAdmin.fetch('/api/admin/users', { method: 'POST', ...json(body) })),
    ).toEqual({
      status: 409,
      code: ErrorCode.usernameTaken,
    });
    const signedIn = await running().signIn('township.viewer', STRONG_PASSWORD);
    expect(signedIn.me.memberships).toEqual([{ orgId: 'township-2', role: 'viewer' }]);
    const users = AdminUsersResponse.parse(await (await countyAdmin.fetch('/api/admin/users')).json());
    expect(users.users.find((listed) => listed.id === user.id)?.memberships).toEqual([
      { orgId: 'township-2', role: 'viewer' },
    ]);
    // The new account never sees the hash, nor does anyone else.
    expect(JSON.stringify(users)).not.toMatch(/scrypt/);
  });

  it('manages memberships and never removes the last administrator', async () => {
    const members = MembersResponse.parse(
      await (await countyAdmin.fetch('/api/admin/orgs/county-1/members')).json(),
    );
    expect(members.members.map((member) => [member.user.username, member.role])).toEqual(
      expect.arrayContaining([
        ['county.admin', 'admin'],
        ['county.editor', 'editor'],
      ]),
    );
    const self = countyAdmin.me.user.id;
    // The county's only admin may step down: the city's admin above still manages the county.
    const demoteSelf = await countyAdmin.fetch(`/api/admin/orgs/county-1/members/${self}`, {
      method: 'PUT',
      ...json({ role: 'viewer' }),
    });
    expect(demoteSelf.status).toBe(200);
    // The city's admin restores the county's admin: an admin manages the organisations below.
    const restored = await cityAdmin.fetch(`/api/admin/orgs/county-1/members/${self}`, {
      method: 'PUT',
      ...json({ role: 'admin' }),
    });
    expect(restored.status).toBe(200);
    // The city's only admin, with nobody above: refused.
    expect(
      await codeOf(
        await cityAdmin.fetch(`/api/admin/orgs/city/members/${cityAdmin.me.user.id}`, { method: 'DELETE' }),
      ),
    ).toEqual({ status: 409, code: ErrorCode.lastAdmin });
    expect(
      await codeOf(
        await countyAdmin.fetch('/api/admin/orgs/county-1/members/no-such-user', {
          method: 'PUT',
          ...json({ role: 'viewer' }),
        }),
      ),
    ).toEqual({ status: 404, code: ErrorCode.userNotFound });
  });

  it('records security events and shows each admin those of their subtree', async () => {
    const failedSignIn = await fetch(`${running().baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county.editor', password: 'wrong-password' }),
    });
    expect(failedSignIn.status).toBe(401);
    const events = SecurityEventsResponse.parse(
      await (await cityAdmin.fetch('/api/admin/security-events?limit=200')).json(),
    ).events;
    const kinds = new Set(events.map((event) => event.kind));
    for (const kind of [
      'sign_in_succeeded',
      'sign_in_failed',
      'membership_changed',
      'user_created',
      'org_created',
      'org_changed',
    ])
      expect(kinds, kind).toContain(kind);
    const failed = events.find((event) => event.kind === 'sign_in_failed');
    expect(failed).toMatchObject({ orgId: 'county-1', target: 'user:user-county-editor', actor: null });
    expect(events.find((event) => event.kind === 'membership_changed')?.actor?.displayName).toBeTruthy();

    const countyEvents = SecurityEventsResponse.parse(
      await (await countyAdmin.fetch('/api/admin/security-events?limit=200')).json(),
    ).events;
    expect(countyEvents.every((event) => event.orgId !== null && event.orgId !== 'city')).toBe(true);
    expect(countyEvents.some((event) => event.kind === 'sign_in_failed')).toBe(true);
    const page = SecurityEventsResponse.parse(
      await (await cityAdmin.fetch(`/api/admin/security-events?limit=2&before=${events[0]?.id}`)).json(),
    ).events;
    expect(page).toEqual(events.slice(1, 3));
    expect((await (await running().signIn('county.editor')).fetch('/api/admin/security-events')).status).toBe(
      403,
    );
    expect((await countyAdmin.fetch('/api/admin/security-events?orgId=city')).status).toBe(403);
  });

  it('records /yjs access denials', async () => {
    const outsider = await running().signIn('county2.editor');
    const refused = await probeDoc(
      docUrl(running().syncUrl, 'plan:township-1-2021', {}, await outsider.syncToken()),
    );
    expect(refused).toEqual({ accepted: false, code: CloseCode.forbidden });
    const events = SecurityEventsResponse.parse(
      await (await countyAdmin.fetch('/api/admin/security-events?kind=access_denied')).json(),
    ).events;
    expect(events[0]).toMatchObject({
      kind: 'access_denied',
      target: 'doc:plan:township-1-2021',
      orgId: 'township-1',
      actor: { id: outsider.me.user.id },
    });
  });

  it('shows a plan’s field-level history from the authored log, newest first', async () => {
    const client = await connect('county-2-2021');
    updateTopic(client.doc, 'county-2-2021-old-estates', { month: 7 });
    await waitFor('the edit to be stored', async () => {
      const response = await running().editor.fetch('/api/plans/county-2-2021/history?limit=5');
      return PlanHistoryResponse.parse(await response.json()).entries.length > 2;
    });
    const { entries } = PlanHistoryResponse.parse(
      await (await running().editor.fetch('/api/plans/county-2-2021/history?limit=5')).json(),
    );
    // The edit, the adjustment it was made in, and the seeding.
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      author: { id: TEST_EDITOR.id, displayName: TEST_EDITOR.displayName },
      changes: [
        {
          topicId: 'county-2-2021-old-estates',
          title: '听取和审议区人民政府关于老旧小区改造工作情况的报告',
          kind: 'field',
          field: 'month',
          from: 6,
          to: 7,
        },
      ],
    });
    expect(entries[1]?.changes.map((change) => change.kind)).toEqual(['plan']);
    expect(entries[2]?.author.id).toBe('system');
    expect(entries[2]?.changes.every((change) => change.kind === 'created')).toBe(true);
    const limited = PlanHistoryResponse.parse(
      await (await running().editor.fetch('/api/plans/county-2-2021/history?limit=1')).json(),
    );
    expect(limited.entries).toEqual(entries.slice(0, 1));
    expect((await running().editor.fetch('/api/plans/county-2-2021/history?limit=0')).status).toBe(400);
    const outsider = await running().signIn('township.editor');
    expect((await outsider.fetch('/api/plans/county-2-2021/history')).status).toBe(403);
  });
});
