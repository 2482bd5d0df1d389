import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_STEP_TEMPLATES, defaultLifecycleSettings } from '@yipan/domain';
import { openDatabase } from './openDatabase';
import { describeEachDialect } from './testing';
import type { Database } from './types';

const AT = new Date('2021-03-01T08:00:00Z');

describeEachDialect('step template store', (_dialect, database) => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(database().config);
    await db.orgs.insert({
      id: 'county',
      name: '示范县',
      level: 'county',
      parentId: null,
      sortOrder: 0,
      committees: [],
      supervisedBodies: ['gov'],
      reportingUnits: [],
      settings: defaultLifecycleSettings('county'),
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores, replaces and removes an organisation’s own template of a method', async () => {
    expect(await db.stepTemplates.listByOrg('county')).toEqual([]);
    const visit = DEFAULT_STEP_TEMPLATES.visit;
    const shorter = { ...visit, steps: visit.steps.slice(0, 3) };
    await db.stepTemplates.put({
      orgId: 'county',
      method: 'visit',
      template: visit,
      updatedAt: AT,
      updatedBy: 'u1',
    });
    await db.stepTemplates.put({
      orgId: 'county',
      method: 'visit',
      template: shorter,
      updatedAt: AT,
      updatedBy: 'u2',
    });
    expect(await db.stepTemplates.listByOrg('county')).toEqual([
      { orgId: 'county', method: 'visit', template: shorter, updatedAt: AT, updatedBy: 'u2' },
    ]);
    expect(await db.stepTemplates.remove('county', 'visit')).toBe(true);
    expect(await db.stepTemplates.remove('county', 'visit')).toBe(false);
    expect(await db.stepTemplates.listByOrg('county')).toEqual([]);
  });
});
