import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database, OrgRow } from './types';

const city: OrgRow = { id: 'city', name: '示范市', level: 'city', parentId: null, sortOrder: 0 };
const countyB: OrgRow = { id: 'county-b', name: '乙县', level: 'county', parentId: 'city', sortOrder: 2 };
const countyA: OrgRow = { id: 'county-a', name: '甲县', level: 'county', parentId: 'city', sortOrder: 1 };

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
      db.orgs.insert({ id: 'orphan', name: '无', level: 'township', parentId: 'missing', sortOrder: 0 }),
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
