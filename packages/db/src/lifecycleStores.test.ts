import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database } from './types';

describeEachDialect('lifecycle records and organisation settings', (_dialect, database) => {
  let db: Database;
  const at = (ms: number) => new Date(Date.UTC(2021, 0, 1) + ms);

  beforeAll(async () => {
    db = await openDatabase(database().config);
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
    await db.orgs.insert({
      id: 'town',
      name: '甲镇',
      level: 'township',
      parentId: 'city',
      sortOrder: 1,
      committees: [],
      supervisedBodies: ['gov'],
      reportingUnits: [],
    });
    await db.plans.insert({ id: 'p', orgId: 'city', year: 2021, title: '计划', status: 'soliciting' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives organisations their level’s lifecycle settings until they are changed', async () => {
    expect((await db.orgs.get('city'))?.settings).toEqual({
      partyReview: true,
      approvingBody: 'council_of_chairs',
    });
    expect((await db.orgs.get('town'))?.settings.approvingBody).toBe('township_presidium');
    const updated = await db.orgs.update('city', {
      settings: { partyReview: false, approvingBody: 'standing_committee' },
    });
    expect(updated?.settings).toEqual({ partyReview: false, approvingBody: 'standing_committee' });
    expect((await db.orgs.get('city'))?.settings.partyReview).toBe(false);
  });

  it('moves a plan only from the status it is in, and records who, when and why', async () => {
    const entry = {
      planId: 'p',
      fromStatus: 'soliciting' as const,
      toStatus: 'collating' as const,
      note: '征集结束',
      actorId: 'u1',
      at: at(1),
    };
    const recorded = await db.lifecycle.transition(entry);
    expect(recorded).toMatchObject(entry);
    expect((await db.plans.get('p'))?.status).toBe('collating');
    // The same move again finds the plan elsewhere: nothing is recorded twice.
    expect(await db.lifecycle.transition({ ...entry, at: at(2) })).toBeNull();
    const log = await db.lifecycle.transitions('p');
    expect(log).toHaveLength(1);
    expect(log[0]?.at.getTime()).toBe(at(1).getTime());
  });

  it('keeps named versions with their states, newest first, and hides adjustment bases', async () => {
    const base = { planId: 'p', createdBy: 'u1' };
    await db.lifecycle.insertVersion({
      ...base,
      id: 'v1',
      name: '审议通过稿',
      kind: 'approved',
      state: new Uint8Array([1, 2, 3]),
      createdAt: at(10),
    });
    await db.lifecycle.insertVersion({
      ...base,
      id: 'v2',
      name: '手动',
      kind: 'manual',
      state: new Uint8Array([4]),
      createdAt: at(20),
    });
    await db.lifecycle.insertVersion({
      ...base,
      id: 'b1',
      name: '',
      kind: 'adjustment_base',
      state: new Uint8Array([5]),
      createdAt: at(30),
    });
    const listed = await db.lifecycle.versions('p', ['approved', 'manual']);
    expect(listed.map((version) => version.id)).toEqual(['v2', 'v1']);
    expect(listed[0]).not.toHaveProperty('state');
    const approved = await db.lifecycle.version('p', 'v1');
    expect(approved?.kind).toBe('approved');
    expect([...(approved?.state ?? [])]).toEqual([1, 2, 3]);
    expect(await db.lifecycle.version('p', 'missing')).toBeNull();
  });

  it('opens and closes adjustments once, with what they changed', async () => {
    await db.lifecycle.insertAdjustment({
      id: 'a1',
      planId: 'p',
      reason: '主任会议决定',
      decidedBy: 'council_of_chairs',
      meeting: '第十二次主任会议',
      decidedOn: '2021-06-01',
      state: 'open',
      openedBy: 'u1',
      openedAt: at(40),
      closedAt: null,
      changes: [],
    });
    expect((await db.lifecycle.openAdjustments()).map((row) => row.id)).toEqual(['a1']);
    const changes = [{ topicId: 't', title: 'x', kind: 'changed', changes: [] }];
    const closed = await db.lifecycle.closeAdjustment('a1', at(50), changes);
    expect(closed).toMatchObject({ state: 'closed', changes });
    expect(closed?.closedAt?.getTime()).toBe(at(50).getTime());
    expect(await db.lifecycle.closeAdjustment('a1', at(60), [])).toBeNull();
    expect(await db.lifecycle.openAdjustments()).toEqual([]);
    expect((await db.lifecycle.adjustments('p'))[0]?.changes).toEqual(changes);
  });
});
