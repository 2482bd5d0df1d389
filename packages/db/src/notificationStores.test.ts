import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database } from './types';

describeEachDialect('notification and read-receipt stores', (_dialect, database) => {
  let db: Database;
  const at = new Date(Date.UTC(2021, 2, 1));

  beforeAll(async () => {
    db = await openDatabase(database().config);
    await db.users.insert({ id: 'u1', username: 'u1', displayName: '甲', passwordHash: 'x' });
    await db.users.insert({ id: 'u2', username: 'u2', displayName: '乙', passwordHash: 'x' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores notifications per user, skips a repeated dedupe key, pages newest first and marks read', async () => {
    const base = { kind: 'reminder', planId: 'p1', detail: { orgName: '示范市' }, createdAt: at };
    const stored = await db.notifications.add([
      { ...base, userId: 'u1', dedupeKey: 'k1' },
      { ...base, userId: 'u1', dedupeKey: 'k1' },
      { ...base, userId: 'u1', dedupeKey: null },
      { ...base, userId: 'u1', dedupeKey: null },
      { ...base, userId: 'u2', dedupeKey: 'k1' },
    ]);
    expect(stored.map((row) => row.userId)).toEqual(['u1', 'u1', 'u1', 'u2']);
    expect(stored[0]?.detail).toEqual({ orgName: '示范市' });
    const mine = await db.notifications.list('u1', { limit: 2 });
    expect(mine.map((row) => row.id)).toEqual([stored[2]?.id, stored[1]?.id]);
    expect(
      (await db.notifications.list('u1', { limit: 10, beforeId: stored[1]?.id })).map((row) => row.id),
    ).toEqual([stored[0]?.id]);
    expect(await db.notifications.unreadCount('u1')).toBe(3);
    // Another user's notification is not marked by my ids.
    expect(await db.notifications.markRead('u1', [stored[0]!.id, stored[3]!.id], at)).toBe(1);
    expect(await db.notifications.unreadCount('u2')).toBe(1);
    expect(await db.notifications.markRead('u1', 'all', at)).toBe(2);
    expect(await db.notifications.unreadCount('u1')).toBe(0);
  });

  it('keeps the first read receipt of each organisation', async () => {
    await db.orgs.insert({
      id: 'city',
      name: '示范市',
      level: 'city',
      parentId: null,
      sortOrder: 0,
      committees: [],
      supervisedBodies: ['gov'],
      reportingUnits: [],
    });
    await db.plans.insert({ id: 'p1', orgId: 'city', year: 2021, title: '计划', status: 'published' });
    expect(await db.planReads.record({ planId: 'p1', orgId: 'county-1', userId: 'u1', readAt: at })).toBe(
      true,
    );
    expect(
      await db.planReads.record({
        planId: 'p1',
        orgId: 'county-1',
        userId: 'u2',
        readAt: new Date(at.getTime() + 1),
      }),
    ).toBe(false);
    expect(await db.planReads.ofPlan('p1')).toEqual([
      { planId: 'p1', orgId: 'county-1', userId: 'u1', readAt: at },
    ]);
  });
});
