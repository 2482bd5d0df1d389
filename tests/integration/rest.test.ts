import { expect, it } from 'vitest';
import { ErrorBody, HealthResponse, OrgsResponse, PlanResponse, PlansResponse } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import type { TestServer } from '../support/startServer';
import { useTestServer } from '../support/useTestServer';

/** Fetches a JSON endpoint as the test editor and returns status and parsed body. */
async function getJson(
  running: TestServer,
  path: string,
): Promise<{ status: number; body: unknown; text: string; type: string | null }> {
  const response = await running.editor.fetch(path);
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as unknown,
    text,
    type: response.headers.get('content-type'),
  };
}

/** A stack trace would show file paths and "at …" frames. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\.ts:\d+/);
}

describeEachDialect('REST API', (dialect) => {
  const { running } = useTestServer(dialect);

  it('reports health with the database dialect and each check, and readiness', async () => {
    const { status, body } = await getJson(running(), `/api/health`);
    expect(status).toBe(200);
    expect(HealthResponse.parse(body)).toMatchObject({ status: 'ok', db: dialect, failing: [] });
    expect(HealthResponse.parse(body).checks).toMatchObject({
      database: { ok: true },
      persistence: { ok: true, detail: { queued: 0, lastError: null } },
    });
    const ready = await getJson(running(), `/api/ready`);
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } });
  });

  it('lists the demo organisation tree', async () => {
    const { status, body } = await getJson(running(), `/api/orgs`);
    expect(status).toBe(200);
    const { orgs } = OrgsResponse.parse(body);
    const byId = new Map(orgs.map((org) => [org.id, org]));
    expect(byId.get('city')).toMatchObject({ name: '示范市', level: 'city', parentId: null });
    const counties = orgs.filter((org) => org.level === 'county');
    expect(counties.length).toBeGreaterThanOrEqual(4);
    expect(counties.every((org) => org.parentId === 'city')).toBe(true);
    expect(byId.get('county-1')).toMatchObject({ name: '示范县' });
    const townships = orgs.filter((org) => org.parentId === 'county-1' && org.level === 'township');
    expect(townships.map((org) => org.name)).toEqual(expect.arrayContaining(['示范镇', '青石镇']));
    // Parents come before their children, so a client can build the tree in one pass.
    const seen = new Set<string>();
    for (const org of orgs) {
      if (org.parentId) expect(seen.has(org.parentId), org.id).toBe(true);
      seen.add(org.id);
    }
  });

  it('lists the plans of an organisation', async () => {
    const { status, body } = await getJson(running(), `/api/orgs/county-1/plans`);
    expect(status).toBe(200);
    const { plans } = PlansResponse.parse(body);
    expect(plans).toEqual([
      expect.objectContaining({
        id: 'county-1-2021',
        orgId: 'county-1',
        year: 2021,
        docName: 'plan:county-1-2021',
        status: 'executing',
      }),
    ]);
    expect(plans[0]?.title).toBe('示范县人大常委会2021年度监督工作计划');
    const empty = PlansResponse.parse((await getJson(running(), `/api/orgs/county-3/plans`)).body);
    expect(empty.plans.map((plan) => plan.id)).toEqual(['county-3-2021']);
  });

  it('shows a plan with its organisation and the caller’s permissions', async () => {
    const { status, body } = await getJson(running(), `/api/plans/city-2021`);
    expect(status).toBe(200);
    const { plan } = PlanResponse.parse(body);
    expect(plan).toMatchObject({
      id: 'city-2021',
      title: '示范市人大常委会2021年度监督工作计划',
      status: 'executing',
      docName: 'plan:city-2021',
      org: { id: 'city', name: '示范市', level: 'city' },
      // The test editor edits every demo organisation, so it may also link county topics to the city's.
      permissions: { read: true, write: true, link: true, workflow: false, propose: false },
    });
    const readOnly = PlanResponse.parse((await getJson(running(), `/api/plans/city-2021?mode=read`)).body);
    expect(readOnly.plan.permissions).toEqual({
      read: true,
      write: false,
      link: false,
      workflow: false,
      propose: false,
    });
  });

  it('answers unknown things with a JSON 404 and bad ids with a JSON 400, never a stack trace', async () => {
    const cases: Array<{ path: string; status: number; code: string }> = [
      { path: '/api/plans/no-such-plan', status: 404, code: 'plan_not_found' },
      { path: '/api/orgs/no-such-org/plans', status: 404, code: 'org_not_found' },
      { path: '/api/plans/bad%20id!', status: 400, code: 'invalid_id' },
      { path: `/api/plans/${'x'.repeat(65)}`, status: 400, code: 'invalid_id' },
      { path: '/api/orgs/..%2F..%2Fetc/plans', status: 400, code: 'invalid_id' },
      { path: '/api/no-such-endpoint', status: 404, code: 'not_found' },
      { path: '/api', status: 404, code: 'not_found' },
    ];
    for (const { path, status, code } of cases) {
      const response = await getJson(running(), path);
      expect(response.status, path).toBe(status);
      expect(response.type, path).toMatch(/application\/json/);
      const { error } = ErrorBody.parse(response.body);
      expect(error.code, path).toBe(code);
      expect(error.message.length, path).toBeGreaterThan(0);
      expectNoStack(response.text);
    }
  });

  it('rejects a malformed JSON body with a JSON 400', async () => {
    const response = await running().editor.fetch('/api/plans/city-2021', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"to": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(ErrorBody.parse(JSON.parse(text)).error.code).toBe('invalid_body');
    expectNoStack(text);
  });
});
