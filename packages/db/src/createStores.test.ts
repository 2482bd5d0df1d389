import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultLifecycleSettings } from '@yipan/domain';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database, OrgRow } from './types';

const lists = { committees: ['财经委'], supervisedBodies: ['gov', 'court'], reportingUnits: [] } as const;
const org = (row: Omit<OrgRow, keyof typeof lists | 'settings'>): OrgRow => ({
  ...row,
  committees: [...lists.committees],
  supervisedBodies: [...lists.supervisedBodies],
  reportingUnits: [],
  settings: defaultLifecycleSettings(row.level),
});
const city = org({ id: 'city', name: '示范市', level: 'city', parentId: null, sortOrder: 0 });
const countyB = org({ id: 'county-b', name: '乙县', level: 'county', parentId: 'city', sortOrder: 2 });
const countyA = org({ id: 'county-a', name: '甲县', level: 'county', parentId: 'city', sortOrder: 1 });

describeEachDialect('organisation, plan and user stores', (_dialect, database) => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(database().config);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('starts empty, then keeps the organisation tree in order', async () => {
    expect(await db.isEmpty()).toBe(true);
    for (const org of [city, countyB, countyA]) await db.orgs.insert(org);
    expect(await db.isEmpty()).toBe(false);
    expect(await db.orgs.list()).toEqual([city, countyA, countyB]);
    expect(await db.orgs.get('county-a')).toEqual(countyA);
    expect(await db.orgs.get('nowhere')).toBeNull();
  });

  it('refuses an organisation whose parent does not exist', async () => {
    await expect(
      db.orgs.insert(org({ id: 'orphan', name: '无', level: 'township', parentId: 'missing', sortOrder: 0 })),
    ).rejects.toThrow();
  });

  it('stores plans per organisation and moves their status', async () => {
    const before = Date.now();
    await db.plans.insert({
      id: 'plan-2020',
      orgId: 'city',
      year: 2020,
      title: '2020 年监督工作计划',
      status: 'archived',
    });
    await db.plans.insert({
      id: 'plan-2021',
      orgId: 'city',
      year: 2021,
      title: '2021 年监督工作计划',
      status: 'collating',
    });
    await db.plans.insert({
      id: 'plan-a',
      orgId: 'county-a',
      year: 2021,
      title: '甲县计划',
      status: 'soliciting',
    });

    expect((await db.plans.list()).map((plan) => plan.id)).toEqual(['plan-2021', 'plan-2020', 'plan-a']);
    const listed = await db.plans.listByOrg('city');
    expect(listed.map((plan) => plan.id)).toEqual(['plan-2021', 'plan-2020']);
    const plan = await db.plans.get('plan-2021');
    expect(plan).toMatchObject({
      orgId: 'city',
      year: 2021,
      title: '2021 年监督工作计划',
      status: 'collating',
    });
    expect(plan?.createdAt).toBeInstanceOf(Date);
    expect(plan?.createdAt.getTime()).toBeGreaterThanOrEqual(before);

    await db.plans.setStatus('plan-2021', 'approved');
    const approved = await db.plans.get('plan-2021');
    expect(approved?.status).toBe('approved');
    expect(approved?.updatedAt.getTime()).toBeGreaterThanOrEqual(plan?.updatedAt.getTime() ?? Infinity);
    expect(await db.plans.get('missing')).toBeNull();
  });

  it('refuses a plan of an unknown organisation', async () => {
    await expect(
      db.plans.insert({ id: 'plan-x', orgId: 'missing', year: 2021, title: 'x', status: 'soliciting' }),
    ).rejects.toThrow();
  });

  it('finds users by id and username, with unique usernames', async () => {
    const user = {
      id: 'u1',
      username: 'city.admin',
      displayName: '市人大管理员',
      passwordHash: 'scrypt$abc',
    };
    await db.users.insert(user);
    expect(await db.users.getByUsername('city.admin')).toMatchObject(user);
    expect((await db.users.get('u1'))?.createdAt).toBeInstanceOf(Date);
    expect(await db.users.getByUsername('nobody')).toBeNull();
    await expect(db.users.insert({ ...user, id: 'u2' })).rejects.toThrow();
  });

  it('grants memberships and changes a role when granted again', async () => {
    await db.users.addMembership({ userId: 'u1', orgId: 'county-a', role: 'viewer' });
    await db.users.addMembership({ userId: 'u1', orgId: 'city', role: 'admin' });
    await db.users.addMembership({ userId: 'u1', orgId: 'county-a', role: 'editor' });
    expect(await db.users.memberships('u1')).toEqual([
      { userId: 'u1', orgId: 'city', role: 'admin' },
      { userId: 'u1', orgId: 'county-a', role: 'editor' },
    ]);
    expect(await db.users.memberships('nobody')).toEqual([]);
    await expect(
      db.users.addMembership({ userId: 'nobody', orgId: 'city', role: 'viewer' }),
    ).rejects.toThrow();
  });
});

describeEachDialect('organisation lists, memberships, sessions and the audit trail', (_dialect, database) => {
  let db: Database;
  const at = (ms: number) => new Date(Date.UTC(2021, 0, 1) + ms);

  beforeAll(async () => {
    db = await openDatabase(database().config);
    await db.orgs.insert(city);
    await db.orgs.insert(countyA);
    for (const id of ['u1', 'u2'])
      await db.users.insert({ id, username: `user.${id}`, displayName: id, passwordHash: 'x' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('updates organisation fields and lists', async () => {
    const updated = await db.orgs.update('county-a', { name: '甲区', reportingUnits: ['区民政局'] });
    expect(updated).toEqual({ ...countyA, name: '甲区', reportingUnits: ['区民政局'] });
    expect(await db.orgs.update('nowhere', { name: 'x' })).toBeNull();
  });

  it('counts users, lists memberships by organisation and removes them', async () => {
    expect(await db.users.count()).toBe(2);
    expect((await db.users.getMany(['u2', 'u1', 'none'])).map((user) => user.id)).toEqual(['u1', 'u2']);
    await db.users.addMembership({ userId: 'u1', orgId: 'city', role: 'admin' });
    await db.users.addMembership({ userId: 'u2', orgId: 'county-a', role: 'editor' });
    expect(await db.users.membershipsIn(['county-a'])).toEqual([
      { userId: 'u2', orgId: 'county-a', role: 'editor' },
    ]);
    expect(await db.users.membershipsIn([])).toEqual([]);
    expect(await db.users.removeMembership('u2', 'county-a')).toBe(true);
    expect(await db.users.removeMembership('u2', 'county-a')).toBe(false);
    expect(await db.users.memberships('u2')).toEqual([]);
  });

  it('keeps sessions by token hash, touches them and ends them once', async () => {
    const base = { userId: 'u1', ip: '127.0.0.1', userAgent: 'test', createdAt: at(0), lastSeenAt: at(0) };
    await db.sessions.insert({ ...base, id: 's1', tokenHash: 'h1', expiresAt: at(10_000) });
    await db.sessions.insert({ ...base, id: 's2', tokenHash: 'h2', expiresAt: at(1_000) });
    expect(await db.sessions.getByTokenHash('h1')).toMatchObject({ id: 's1', endedAt: null });
    await db.sessions.touch('s1', at(500));
    expect((await db.sessions.get('s1'))?.lastSeenAt).toEqual(at(500));
    expect((await db.sessions.listOpen(['u1'], at(2_000))).map((session) => session.id)).toEqual(['s1']);
    expect(await db.sessions.end('s1', 'revoked', 'u2', at(600))).toBe(true);
    expect(await db.sessions.end('s1', 'signed_out', 'u1', at(700))).toBe(false);
    expect(await db.sessions.get('s1')).toMatchObject({
      endReason: 'revoked',
      endedBy: 'u2',
      endedAt: at(600),
    });
    expect(await db.sessions.listOpen(['u1'], at(0))).toHaveLength(1);
  });

  it('lists audit events by organisation scope, kind and page, newest first', async () => {
    const event = { at: at(0), actorId: 'u1', target: 'user:u2', ip: null, detail: { role: 'editor' } };
    await db.audit.append({ ...event, kind: 'membership_changed', orgId: 'county-a' });
    await db.audit.append({ ...event, kind: 'sign_in_failed', orgId: null, actorId: null });
    await db.audit.append({ ...event, kind: 'org_changed', orgId: 'city' });
    const all = await db.audit.list({ orgIds: ['city', 'county-a'], includeUnscoped: true, limit: 10 });
    expect(all.map((row) => row.kind)).toEqual(['org_changed', 'sign_in_failed', 'membership_changed']);
    expect(all[2]).toMatchObject({ detail: { role: 'editor' }, target: 'user:u2', actorId: 'u1' });
    const county = await db.audit.list({ orgIds: ['county-a'], includeUnscoped: false, limit: 10 });
    expect(county.map((row) => row.kind)).toEqual(['membership_changed']);
    const page = await db.audit.list({
      orgIds: ['city', 'county-a'],
      includeUnscoped: true,
      before: all[0]?.id,
      limit: 1,
    });
    expect(page.map((row) => row.kind)).toEqual(['sign_in_failed']);
    expect(await db.audit.list({ orgIds: [], includeUnscoped: false, limit: 10 })).toEqual([]);
  });
});
