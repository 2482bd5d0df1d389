import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@yipan/db';
import { addTopic, createPlanDoc, planDocName } from '@yipan/domain';
import { createLogger } from '../createLogger';
import { PlanProjector } from './PlanProjector';

/** Quiet time of the projector in these tests: short, they wait for the rows anyway. */
const DELAY_MS = 10;

/** A stopped PostgreSQL as postgres-js reports it, wrapped by drizzle. */
function connectionRefused(): Error {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  return new Error('Failed query: delete from "topics" …', { cause: refused });
}

describe('PlanProjector', () => {
  let dir: string | null = null;
  let db: Database | null = null;
  afterEach(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('projects a plan again once the database is back, without another change of the plan', async () => {
    dir = await mkdtemp(join(tmpdir(), 'yipan-projector-'));
    const opened = await openDatabase({ dialect: 'sqlite', file: join(dir, 'yipan.db') });
    db = opened;
    await opened.orgs.insert({
      id: 'city',
      name: '示范市',
      level: 'city',
      parentId: null,
      sortOrder: 0,
      committees: [],
      supervisedBodies: [],
      reportingUnits: [],
    });
    await opened.plans.insert({ id: 'p1', orgId: 'city', year: 2021, title: '计划', status: 'published' });
    // The database is away for the first two attempts.
    let refusals = 2;
    const replacePlan = opened.projection.replacePlan.bind(opened.projection);
    opened.projection.replacePlan = (...args) =>
      refusals-- > 0 ? Promise.reject(connectionRefused()) : replacePlan(...args);

    const projector = new PlanProjector(opened, createLogger({ level: 'silent' }), DELAY_MS);
    const doc = createPlanDoc();
    addTopic(doc, { title: '停库时新增的议题', method: 'research', month: 5 });
    projector.schedule(planDocName('p1'), doc);

    await expect
      .poll(async () => (await opened.projection.plan('p1')).topics.map((topic) => topic.title), {
        timeout: 10_000,
      })
      .toEqual(['停库时新增的议题']);
    expect(projector.stats).toEqual({ projections: 1, failures: 2 });
    await projector.close();
  });
});
