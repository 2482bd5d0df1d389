import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { hashPassword } from '@yipan/server';
import { AlignmentResponse, AlignmentRowResponse, DashboardResponse, ErrorBody } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import { TEST_PASSWORD, type SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';

/*
 * The alignment matrix shows a child organisation's column only to those who may read that child's plan of
 * the year (DESIGN.md's access rules, the dashboard's rule): on the page's JSON, a row's details, the Excel
 * export and the dashboard's roll-ups. The demo city's children: 示范县 (executing, so published), 示范区
 * (approved, not published), 东山县 and 西河区 (soliciting; 西河区 declined 乡村振兴 with a reason).
 */

const CITY_PLAN = 'city-2021';
const COUNTY_1_PLAN = 'county-1-2021';
/** The demo's joint 执行难 topic: 示范县 and 示范区 linked their court topics to it. */
const ENFORCEMENT = 'city-2021-enforcement';
const CHILDREN = ['county-1', 'county-2', 'county-3', 'county-4'];
/** The reason 西河区 gave for declining 乡村振兴: part of its unpublished plan. */
const COUNTY_4_DECLINE = '本区为城区';
/** A deputy of 示范县, added here: a deputy never reads the children's plans (示范镇 and 青石镇 are unpublished). */
const COUNTY_DEPUTY = { id: 'user-county-deputy', username: 'county.deputy', displayName: '示范县代表' };

/** Who sees which of the city's children, and how many are left out. */
const CITY_MATRIX_READERS = [
  // The city office reads every child's plan.
  { username: 'city.editor', columns: CHILDREN },
  // Its own plan, and no peer's: 示范区's is approved but not published, the others are soliciting.
  { username: 'county.editor', columns: ['county-1'] },
  // Its own plan and 示范县's, which is published.
  { username: 'county2.editor', columns: ['county-1', 'county-2'] },
  // No child's plan as a deputy, not even 示范县's published one (its public page shows them what it shows anyone).
  { username: 'city.deputy', columns: [] },
];

describeEachDialect('the alignment matrix shows only the children the caller may read', (dialect) => {
  const { running } = useTestServer(dialect);
  /** The titles of each child's topics in the projection, by organisation. */
  const titlesOf = new Map<string, string[]>();
  let cityTitles = new Set<string>();

  beforeAll(async () => {
    const { db } = running().server;
    for (const orgId of CHILDREN)
      titlesOf.set(
        orgId,
        (await db.projection.topicSummaries([`${orgId}-2021`])).map((topic) => topic.title),
      );
    cityTitles = new Set((await db.projection.topicSummaries([CITY_PLAN])).map((topic) => topic.title));
    // The check below is only as strong as the hidden titles are many.
    expect(titlesOf.get('county-2')?.length).toBeGreaterThan(2);
    await db.users.insert({ ...COUNTY_DEPUTY, passwordHash: await hashPassword(TEST_PASSWORD) });
    await db.users.addMembership({ userId: COUNTY_DEPUTY.id, orgId: 'county-1', role: 'deputy' });
  });

  async function json(client: SignedIn, path: string): Promise<{ status: number; text: string }> {
    const response = await client.fetch(path);
    return { status: response.status, text: await response.text() };
  }

  /** Fails naming what of a hidden child's plan `text` gives away: its ids, organisation, topics or decline. */
  function expectNothingOf(hidden: readonly string[], text: string, where: string): void {
    for (const orgId of hidden) {
      expect(text, `${where}: ${orgId}'s ids`).not.toContain(orgId);
      // A child's topic that repeats the city's own title word for word tells nothing the city plan doesn't.
      for (const title of titlesOf.get(orgId) ?? [])
        if (!cityTitles.has(title)) expect(text, `${where}: ${orgId}'s topic ${title}`).not.toContain(title);
    }
    if (hidden.includes('county-4'))
      expect(text, `${where}: 西河区's decline`).not.toContain(COUNTY_4_DECLINE);
  }

  /** Every cell of a workbook's first sheet as text. */
  async function sheetText(bytes: ArrayBuffer): Promise<{ header: string[]; text: string }> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const lines: string[] = [];
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => cells.push(cell.text));
      lines.push(cells.join('\t'));
    });
    const header: string[] = [];
    sheet.getRow(2).eachCell((cell) => header.push(cell.text));
    return { header, text: lines.join('\n') };
  }

  it('lists a child in the matrix, its rows and its export only for callers who may read its plan', async () => {
    for (const { username, columns } of CITY_MATRIX_READERS) {
      const client = await running().signIn(username);
      const hidden = CHILDREN.filter((orgId) => !columns.includes(orgId));

      const page = await json(client, `/api/plans/${CITY_PLAN}/alignment`);
      expect(page.status, username).toBe(200);
      const { matrix } = AlignmentResponse.parse(JSON.parse(page.text));
      expect(
        matrix.columns.map((column) => column.orgId),
        username,
      ).toEqual(columns);
      expect(matrix.hiddenChildren, username).toBe(hidden.length);
      for (const row of matrix.rows)
        expect(row.cells, `${username} ${row.topicId}`).toHaveLength(columns.length);
      expectNothingOf(hidden, page.text, `${username}'s matrix`);

      const row = await json(client, `/api/plans/${CITY_PLAN}/alignment/rows/${ENFORCEMENT}`);
      expect(row.status, username).toBe(200);
      const { cells } = AlignmentRowResponse.parse(JSON.parse(row.text));
      expect(
        cells.map((cell) => cell.orgId),
        username,
      ).toEqual(columns);
      expectNothingOf(hidden, row.text, `${username}'s row`);

      const file = await client.fetch(`/api/plans/${CITY_PLAN}/alignment.xlsx`);
      expect(file.status, username).toBe(200);
      const sheet = await sheetText(await file.arrayBuffer());
      const names = matrix.columns.map((column) => column.name);
      expect(sheet.header, username).toEqual(['序号', '议题', ...names, '覆盖']);
      expectNothingOf(hidden, sheet.text, `${username}'s export`);
      for (const name of ['示范区', '东山县', '西河区'].filter((child) => !names.includes(child)))
        expect(sheet.text, `${username}'s export names ${name}`).not.toContain(name);
      if (hidden.length > 0)
        expect(sheet.text).toContain(`另有 ${hidden.length} 个下级的计划您无权查看，未列出。`);
      else expect(sheet.text).not.toContain('无权查看');
    }
  });

  it('shows the city office every cell, the linked topics of unpublished plans too', async () => {
    const client = await running().signIn('city.editor');
    const row = await json(client, `/api/plans/${CITY_PLAN}/alignment/rows/${ENFORCEMENT}`);
    const { cells } = AlignmentRowResponse.parse(JSON.parse(row.text));
    const linked = cells.flatMap((cell) => cell.topics.map((topic) => topic.planId));
    expect(linked.sort()).toEqual([COUNTY_1_PLAN, 'county-2-2021']);
    expect(row.text).toContain(titlesOf.get('county-2')?.find((title) => title.includes('执行')) ?? '?');
  });

  it('counts coverage and roll-ups over the readable children only, as the dashboard does', async () => {
    const client = await running().signIn('county.editor');
    const { matrix } = AlignmentResponse.parse(
      await (await client.fetch(`/api/plans/${CITY_PLAN}/alignment`)).json(),
    );
    const enforcement = matrix.rows.find((row) => row.topicId === ENFORCEMENT);
    // Only 示范县's answer: 示范区's link and 西河区's and 东山县's open expectations are not counted.
    expect(enforcement?.coverage).toEqual({
      expected: 1,
      linkedExpected: 1,
      linked: 1,
      declined: 0,
      notAnswered: 0,
    });
    expect(matrix.coverage.declined).toBe(0);

    const dashboard = DashboardResponse.parse(
      await (await client.fetch('/api/orgs/city/dashboard?year=2021')).json(),
    );
    expect(dashboard.orgs.map((org) => org.orgId)).toEqual(['city', 'county-1']);
    expect(dashboard.jointTopics.length).toBeGreaterThan(0);
    for (const topic of dashboard.jointTopics) {
      const row = matrix.rows.find((candidate) => candidate.topicId === topic.topicId);
      expect(topic, topic.title).toEqual({
        topicId: row?.topicId,
        title: row?.title,
        coverage: row?.coverage,
        rollup: row?.rollup,
      });
    }
  });

  it("gives a deputy no column of a child's unpublished plan", async () => {
    const deputy = await running().signIn(COUNTY_DEPUTY.username);
    const page = await json(deputy, `/api/plans/${COUNTY_1_PLAN}/alignment`);
    expect(page.status).toBe(200);
    const { matrix } = AlignmentResponse.parse(JSON.parse(page.text));
    expect(matrix.columns).toEqual([]);
    expect(matrix.hiddenChildren).toBe(2);
    expect(matrix.rows.length).toBeGreaterThan(0);
    for (const row of matrix.rows) expect(row.cells).toEqual([]);
    expect(page.text).not.toMatch(/township-/);
    const rural = await json(
      deputy,
      `/api/plans/${COUNTY_1_PLAN}/alignment/rows/${COUNTY_1_PLAN}-rural-revitalization`,
    );
    expect(rural.status).toBe(200);
    expect(AlignmentRowResponse.parse(JSON.parse(rural.text)).cells).toEqual([]);
    expect(rural.text).not.toMatch(/township-/);
  });

  it('answers a signed-out visitor 401 even for a published plan: the matrix is not a public field', async () => {
    for (const path of [
      `/api/plans/${CITY_PLAN}/alignment`,
      `/api/plans/${CITY_PLAN}/alignment/rows/${ENFORCEMENT}`,
      `/api/plans/${CITY_PLAN}/alignment.xlsx`,
    ]) {
      const response = await fetch(`${running().baseUrl}${path}`);
      expect(response.status, path).toBe(401);
      expect(ErrorBody.parse(await response.json()).error.code, path).toBe('unauthenticated');
    }
  });
});
