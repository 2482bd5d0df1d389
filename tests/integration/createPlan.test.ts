import { expect, it } from 'vitest';
import { addTopic } from '@yipan/domain';
import { CreatePlanResponse, ErrorBody, PlansResponse } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const COUNTY = 'county-1';

function create(client: SignedIn, orgId: string, body: unknown) {
  return client.fetch(`/api/orgs/${orgId}/plans`, { method: 'POST', body: JSON.stringify(body) });
}

async function codeOf(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

describeEachDialect('opening a plan of a new year', (dialect) => {
  const { running, connect } = useTestServer(dialect);

  it('gives the county admin an empty plan with the official title, collecting proposals, that its editors fill', async () => {
    const admin = await running().signIn('county.admin');
    const response = await create(admin, COUNTY, { year: 2022 });
    expect(response.status).toBe(201);
    const { plan } = CreatePlanResponse.parse(await response.json());
    expect(plan).toMatchObject({
      orgId: COUNTY,
      year: 2022,
      title: '示范县人大常委会2022年度监督工作计划',
      status: 'soliciting',
    });

    const listed = PlansResponse.parse(await (await admin.fetch(`/api/orgs/${COUNTY}/plans`)).json());
    expect(listed.plans.map((entry) => entry.id)).toContain(plan.id);

    const editor = await running().signIn('county.editor');
    const client = await connect(plan.id, { token: await editor.syncToken() });
    expect(client.topics()).toEqual([]);
    addTopic(
      client.doc,
      { title: '听取和审议县人民政府关于农村供水工作情况的报告' },
      { author: editor.me.user.id },
    );
    await client.drained();
    const reader = await connect(plan.id, { token: await admin.syncToken() });
    await waitFor('the editor’s topic on the admin’s board', () => reader.topics().length === 1);
  });

  it('refuses a second plan of the same year, keeping the first', async () => {
    const admin = await running().signIn('county.admin');
    const first = await create(admin, COUNTY, { year: 2023, title: '示范县2023年监督计划' });
    expect(first.status).toBe(201);
    const again = await create(admin, COUNTY, { year: 2023 });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('plan_exists');
    const listed = PlansResponse.parse(await (await admin.fetch(`/api/orgs/${COUNTY}/plans`)).json());
    expect(listed.plans.filter((plan) => plan.year === 2023).map((plan) => plan.title)).toEqual([
      '示范县2023年监督计划',
    ]);
  });

  it('lets only the organisation’s own admins open a plan, and validates the year', async () => {
    const editor = await running().signIn('county.editor');
    expect((await create(editor, COUNTY, { year: 2030 })).status).toBe(403);
    const cityAdmin = await running().signIn('city.admin');
    expect((await create(cityAdmin, COUNTY, { year: 2030 })).status).toBe(403);
    const admin = await running().signIn('county.admin');
    const badYear = await create(admin, COUNTY, { year: 1850 });
    expect(badYear.status).toBe(400);
    expect(await codeOf(badYear)).toBe('bad_request');
    expect((await create(admin, 'no-such-org', { year: 2030 })).status).toBe(404);
    const signedOut = await fetch(`${running().baseUrl}/api/orgs/${COUNTY}/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: running().baseUrl },
      body: JSON.stringify({ year: 2030 }),
    });
    expect(signedOut.status).toBe(401);
    const listed = PlansResponse.parse(await (await admin.fetch(`/api/orgs/${COUNTY}/plans`)).json());
    expect(listed.plans.some((plan) => plan.year === 2030 || plan.year === 1850)).toBe(false);
  });
});
