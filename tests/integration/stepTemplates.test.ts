import { expect, it } from 'vitest';
import {
  applyTopicTemplates,
  DEFAULT_STEP_TEMPLATES,
  readSteps,
  setStepState,
  stepProgress,
  type StepTemplate,
} from '@yipan/domain';
import { ErrorBody, StepTemplateResponse, StepTemplatesResponse } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const COUNTY = 'county-1';
const COUNTY_PLAN = 'county-1-2021';
/** The county's joint inspection of the rural revitalisation law (demo data). */
const INSPECTION_TOPIC = 'county-1-2021-rural-revitalization';

async function templatesOf(client: SignedIn, orgId: string) {
  const response = await client.fetch(`/api/orgs/${orgId}/step-templates`);
  expect(response.status).toBe(200);
  return StepTemplatesResponse.parse(await response.json()).templates;
}

function put(client: SignedIn, orgId: string, method: string, body: unknown) {
  return client.fetch(`/api/orgs/${orgId}/step-templates/${method}`, {
    method: 'PUT',
    body: JSON.stringify(body),
  });
}

async function codeOf(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

/** The county's own, shorter visit: three steps, the report due five days before the session. */
const OWN_VISIT: StepTemplate = {
  ...DEFAULT_STEP_TEMPLATES.visit,
  name: { zh: '县视察三步法', en: 'County visit' },
  steps: [
    ...DEFAULT_STEP_TEMPLATES.visit.steps.slice(0, 2),
    {
      key: 'visit_report',
      title: { zh: '视察报告送主任会议', en: 'Visit report to the chairs' },
      deadlines: [
        { key: 'report', title: { zh: '报告', en: 'Report' }, offset: { amount: -5, unit: 'days' } },
      ],
    },
  ],
};

describeEachDialect('method step templates', (dialect) => {
  const { running, connect } = useTestServer(dialect);

  it('lists every method’s default template, the four house methods with 7, 9, 6 and 5 steps', async () => {
    const templates = await templatesOf(await running().signIn('county.editor'), COUNTY);
    const count = (method: string) =>
      templates.find((entry) => entry.method === method)?.template.steps.length;
    expect(templates.every((entry) => !entry.custom)).toBe(true);
    expect([
      count('special_report'),
      count('law_inspection'),
      count('visit'),
      count('special_inquiry'),
    ]).toEqual([7, 9, 6, 5]);
    expect(templates.find((entry) => entry.method === 'law_inspection')?.template.name.zh).toBe('九步递进法');
    // The township below reads its county's templates; signed-out callers read nothing.
    expect(await templatesOf(await running().signIn('township.editor'), COUNTY)).toHaveLength(
      templates.length,
    );
    expect((await fetch(`${running().baseUrl}/api/orgs/${COUNTY}/step-templates`)).status).toBe(401);
  });

  it('lets the county’s admin replace a template and reset it, and nobody else', async () => {
    const admin = await running().signIn('county.admin');
    const saved = await put(admin, COUNTY, 'visit', OWN_VISIT);
    expect(saved.status).toBe(200);
    expect(StepTemplateResponse.parse(await saved.json())).toMatchObject({ method: 'visit', custom: true });
    const visit = (await templatesOf(admin, COUNTY)).find((entry) => entry.method === 'visit');
    expect(visit).toMatchObject({ custom: true, template: { name: { zh: '县视察三步法' } } });
    expect(visit?.template.steps).toHaveLength(3);

    const editor = await running().signIn('county.editor');
    expect(await put(editor, COUNTY, 'visit', DEFAULT_STEP_TEMPLATES.visit).then((r) => r.status)).toBe(403);
    const cityAdmin = await running().signIn('city.admin');
    const fromAbove = await put(cityAdmin, COUNTY, 'visit', DEFAULT_STEP_TEMPLATES.visit);
    expect(fromAbove.status).toBe(403);
    expect(await codeOf(fromAbove)).toBe('forbidden');
    expect(await put(admin, 'city', 'visit', OWN_VISIT).then((r) => r.status)).toBe(403);
    const removedByOther = await cityAdmin.fetch(`/api/orgs/${COUNTY}/step-templates/visit`, {
      method: 'DELETE',
    });
    expect(removedByOther.status).toBe(403);

    // Invalid templates are refused and change nothing.
    const duplicate = { ...OWN_VISIT, steps: [OWN_VISIT.steps[0], OWN_VISIT.steps[0]] };
    for (const body of [
      duplicate,
      { ...OWN_VISIT, steps: [] },
      { ...OWN_VISIT, method: 'research' },
      [OWN_VISIT],
    ]) {
      const refused = await put(admin, COUNTY, 'visit', body);
      expect(refused.status).toBe(400);
      expect(await codeOf(refused)).toBe('invalid_template');
    }
    expect((await put(admin, COUNTY, 'no_such_method', OWN_VISIT)).status).toBe(400);
    const after = (await templatesOf(admin, COUNTY)).find((entry) => entry.method === 'visit');
    expect(after).toEqual(visit);

    const reset = await admin.fetch(`/api/orgs/${COUNTY}/step-templates/visit`, { method: 'DELETE' });
    expect(reset.status).toBe(200);
    expect(StepTemplateResponse.parse(await reset.json())).toEqual({
      method: 'visit',
      custom: false,
      template: DEFAULT_STEP_TEMPLATES.visit,
    });
    const visitAgain = (await templatesOf(editor, COUNTY)).find((entry) => entry.method === 'visit');
    expect(visitAgain).toMatchObject({ custom: false });
    expect(visitAgain?.template.steps).toHaveLength(6);
  });

  it('an editor generates an inspection’s nine steps and advances them to done; a colleague sees it live', async () => {
    const editor = await running().signIn('county.editor');
    const own = (await templatesOf(editor, COUNTY))
      .filter((entry) => entry.custom)
      .map((entry) => entry.template);
    const token = await editor.syncToken();
    const first = await connect(COUNTY_PLAN, { token });
    const second = await connect(COUNTY_PLAN, {
      token: await (await running().signIn('county.admin')).syncToken(),
    });

    expect(applyTopicTemplates(first.doc, INSPECTION_TOPIC, own)).toHaveLength(9);
    const stepIds = readSteps(first.doc, INSPECTION_TOPIC).map((step) => step.id);
    await waitFor(
      'the second client to see nine steps',
      () => readSteps(second.doc, INSPECTION_TOPIC).length === 9,
    );
    setStepState(second.doc, INSPECTION_TOPIC, 'law_inspection.self_check', 'skipped', {
      reason: '市县联动检查代替自查',
    });
    for (const stepId of stepIds.filter((id) => id !== 'law_inspection.self_check'))
      setStepState(first.doc, INSPECTION_TOPIC, stepId, 'done', { date: '2021-10-15' });

    const finished = (client: typeof first) =>
      stepProgress(readSteps(client.doc, INSPECTION_TOPIC), '2021-12-31');
    await waitFor('both clients to see every step finished', () =>
      [first, second].every((client) => finished(client).finished === 9),
    );
    expect(readSteps(second.doc, INSPECTION_TOPIC)).toEqual(readSteps(first.doc, INSPECTION_TOPIC));
    expect(readSteps(second.doc, INSPECTION_TOPIC).filter((step) => step.state === 'done')).toHaveLength(8);

    // The steps were stored by the server: a fresh client reads them after the others have left.
    await first.drained();
    first.close();
    second.close();
    const later = await connect(COUNTY_PLAN, { token });
    const stored = readSteps(later.doc, INSPECTION_TOPIC);
    expect(stored.map((step) => step.state)).toEqual([
      ...Array<string>(4).fill('done'),
      'skipped',
      ...Array<string>(4).fill('done'),
    ]);
    expect(stored[4]?.skipReason).toBe('市县联动检查代替自查');
  });
});
