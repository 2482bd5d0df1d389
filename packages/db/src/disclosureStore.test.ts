import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_DISCLOSURE_SETTINGS } from '@yipan/domain';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database, ProjectedTopic } from './types';

const AT = new Date('2021-03-01T08:00:00Z');

function topic(planId: string, topicId: string, position: number, archived = false): ProjectedTopic {
  return {
    planId,
    topicId,
    orgId: 'city',
    position,
    title: topicId,
    method: 'special_report',
    supervisedBody: 'gov',
    leadCommittee: '',
    reportingUnit: '',
    month: null,
    session: null,
    sessionDate: null,
    archived,
    joint: false,
    fields: {},
  };
}

describeEachDialect('disclosure store', (_dialect, database) => {
  let db: Database;

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
    await db.plans.insert({ id: 'p1', orgId: 'city', year: 2021, title: '计划', status: 'approved' });
    await db.plans.insert({ id: 'p2', orgId: 'city', year: 2022, title: '计划', status: 'approved' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps the defaults until an organisation stores its choice, then replaces it', async () => {
    expect(await db.disclosures.get('city')).toBeNull();
    expect(await db.disclosures.list()).toEqual([]);
    const first = { ...DEFAULT_DISCLOSURE_SETTINGS, leaderInCharge: true };
    await db.disclosures.put({ orgId: 'city', settings: first, updatedAt: AT, updatedBy: 'u1' });
    const second = { ...first, rating: false };
    await db.disclosures.put({ orgId: 'city', settings: second, updatedAt: AT, updatedBy: 'u2' });
    expect(await db.disclosures.get('city')).toEqual({
      orgId: 'city',
      settings: second,
      updatedAt: AT,
      updatedBy: 'u2',
    });
    expect(await db.disclosures.list()).toHaveLength(1);
  });

  it('dates a plan’s publication by its first move to published', async () => {
    expect(await db.disclosures.publishedAt([])).toEqual(new Map());
    const first = new Date('2021-03-05T02:00:00Z');
    await db.lifecycle.transition({
      planId: 'p1',
      fromStatus: 'approved',
      toStatus: 'published',
      note: '',
      actorId: 'u1',
      at: first,
    });
    const dates = await db.disclosures.publishedAt(['p1', 'p2']);
    expect([...dates.keys()]).toEqual(['p1']);
    expect(dates.get('p1')?.getTime()).toBe(first.getTime());
  });

  it('counts each plan’s topics, archived ones left out', async () => {
    await db.projection.replacePlan('p1', {
      topics: [topic('p1', 'a', 0), topic('p1', 'b', 1), topic('p1', 'c', 2, true)],
      steps: [],
      items: [],
      links: [],
      expectations: [],
      declines: [],
    });
    expect(await db.disclosures.topicCounts(['p1', 'p2'])).toEqual(new Map([['p1', 2]]));
  });
});
