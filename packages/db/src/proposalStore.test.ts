import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database, ProposalRow } from './types';

describeEachDialect('solicitation proposals', (_dialect, database) => {
  let db: Database;
  const at = (minutes: number) => new Date(Date.UTC(2021, 9, 1) + minutes * 60_000);
  const proposal = (id: string, minutes: number): Parameters<Database['proposals']['insert']>[0] => ({
    id,
    planId: 'p',
    title: `议题 ${id}`,
    reason: '理由',
    problem: '问题',
    contact: '',
    submitterKind: 'public',
    source: 'public_solicitation',
    submittedBy: null,
    createdAt: at(minutes),
  });
  const ids = (rows: ProposalRow[]) => rows.map((row) => row.id);

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
    await db.plans.insert({ id: 'p', orgId: 'city', year: 2022, title: '计划', status: 'soliciting' });
    for (const [index, id] of ['a', 'b', 'c'].entries()) await db.proposals.insert(proposal(id, index));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lists received proposals by rank, unranked ones oldest first', async () => {
    const listed = await db.proposals.listByPlan('p');
    expect(ids(listed)).toEqual(['a', 'b', 'c']);
    expect(listed[0]).toMatchObject({ state: 'received', rank: null, createdAt: at(0) });
    await db.proposals.setRanks('p', new Map([['c', 1]]));
    expect(ids(await db.proposals.listByPlan('p'))).toEqual(['c', 'a', 'b']);
    expect(await db.proposals.get('other-plan', 'a')).toBeNull();
  });

  it('records a decision once, and lists decided proposals after the waiting ones', async () => {
    const decision = {
      state: 'declined',
      reason: '不属于监督范围',
      decidedBy: 'u1',
      decidedAt: at(10),
    } as const;
    expect(await db.proposals.decide('p', 'c', decision)).toMatchObject({
      state: 'declined',
      decisionReason: '不属于监督范围',
      decidedBy: 'u1',
      rank: null,
    });
    expect(await db.proposals.decide('p', 'c', { ...decision, state: 'accepted', topicId: 't1' })).toBeNull();
    expect(ids(await db.proposals.listByPlan('p'))).toEqual(['a', 'b', 'c']);
    await db.proposals.reopen('p', 'c');
    expect(await db.proposals.get('p', 'c')).toMatchObject({ state: 'received', decisionReason: null });
  });
});
