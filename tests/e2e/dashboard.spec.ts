import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { METHOD_LABELS } from '@yipan/domain';
import { DashboardResponse } from '@yipan/protocol';
import { demoPlanId } from '@yipan/server';
import { signIn } from '../support/signIn';
import {
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  waitSynced,
  VIEWPORT,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * The dashboard (统计) in Chromium: the city editor opens it from the sidebar, picks the year, and sees five
 * ECharts charts whose figures (read out by the hidden tables) are the API's, and the joint topics' roll-up
 * with a county that scheduled a joint topic after the date the city needs it by in red.
 */

const CITY_PLAN = demoPlanId('city');
const COUNTY_PLAN = demoPlanId('county-1');
const YEAR = 2021;
/** The city topic made joint here, with a date no county's November schedule can meet. */
const LATE_TOPIC = 'city-2021-work-safety';
const LATE_TITLE = '开展《中华人民共和国安全生产法》实施情况执法检查';
const NEEDED_BY = '2021-06-30';
const CHARTS = ['method', 'body', 'month', 'follow-up', 'coverage'] as const;
/** Narrow enough that the charts stack in one column (dashboard.css), so each canvas must grow. */
const NARROW_WIDTH = 1_000;
/** Tall enough to show the whole dashboard in one screenshot. */
const TALL_HEIGHT = 2_000;

let bed: BrowserTestBed;
let page: Page;

/** The rows of a chart's visually hidden table, as [label, value]. */
function hiddenRows(chart: (typeof CHARTS)[number]): Promise<string[][]> {
  return page
    .getByTestId(`dashboard-chart-${chart}-data`)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? '')),
    );
}

/** The dashboard as the API gives it to the signed-in page. */
async function fromApi(): Promise<DashboardResponse> {
  const response = await page.request.get(`${bed.url}/api/orgs/city/dashboard?year=${YEAR}`);
  expect(response.status()).toBe(200);
  return DashboardResponse.parse(await response.json());
}

describe('the dashboard in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // The demo plans are executing; their content changes without an adjustment while collating.
    await bed.server.db.plans.setStatus(CITY_PLAN, 'collating');
    await bed.server.db.plans.setStatus(COUNTY_PLAN, 'collating');
    const city = await signIn(bed.url, 'city.editor');
    const joint = await city.fetch(`/api/plans/${CITY_PLAN}/topics/${LATE_TOPIC}/joint`, {
      method: 'PUT',
      body: JSON.stringify({
        joint: true,
        expectations: { 'county-1': { level: 'required', neededBy: NEEDED_BY } },
      }),
    });
    expect(joint.status).toBe(200);
    const county = await signIn(bed.url, 'county.editor');
    const adopted = await county.fetch(`/api/plans/${COUNTY_PLAN}/answers`, {
      method: 'POST',
      body: JSON.stringify({ answer: 'adopt', parentPlanId: CITY_PLAN, parentTopicId: LATE_TOPIC }),
    });
    expect(adopted.status).toBe(201);
    page = await newPage(bed, await newContext(bed), 'city.editor');
    await signInThroughUi(page, bed.url, `/plans/${CITY_PLAN}`, 'city.editor');
    await waitSynced(page);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('opens from the sidebar on the newest year, and the year picker moves to another', async () => {
    await page.getByTestId('dashboard-link').click();
    await page.waitForURL((url) => url.pathname === '/orgs/city/dashboard');
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).allTextContents())
      .toContain('示范市 2022 年度监督工作统计');

    await page.getByLabel('年度', { exact: true }).click();
    await page.locator('.ant-select-item-option[title="2021 年"]').click();
    await page.waitForURL((url) => url.searchParams.get('year') === String(YEAR));
    await page.getByRole('heading', { name: `示范市 ${YEAR} 年度监督工作统计` }).waitFor();
    expect(await page.getByTestId('dashboard-alignment-link').getAttribute('href')).toBe(
      `/plans/${CITY_PLAN}/alignment`,
    );
  });

  it('draws five charts whose read-out figures are the API’s', async () => {
    const data = await fromApi();
    for (const chart of CHARTS) {
      const card = page.getByTestId(`dashboard-chart-${chart}`);
      await card.locator('canvas').first().waitFor();
      await expect.poll(() => card.getByRole('img').getAttribute('aria-label')).toMatch(/^图表：/);
    }
    expect(await hiddenRows('method')).toEqual(
      data.byMethod.map(({ key, count }) => [METHOD_LABELS[key].zh, String(count)]),
    );
    const months = await hiddenRows('month');
    expect(months.map(([label]) => label)).toEqual([
      ...Array.from({ length: 12 }, (_, index) => `${index + 1}月`),
      '未定',
    ]);
    expect(months.map(([, value]) => Number(value))).toEqual(data.byMonth.map(({ count }) => count));
    expect(await hiddenRows('follow-up')).toEqual(
      data.orgs.map((org) => [org.name, `已销号 ${org.itemsClosed} / 共 ${org.itemsTotal}`]),
    );
    const county = data.orgs.find((org) => org.orgId === 'county-1');
    const coverage = county?.coverage;
    if (!coverage) throw new Error('示范县 has no coverage');
    expect(await hiddenRows('coverage')).toContainEqual([
      '示范县',
      `${coverage.linkedExpected}/${coverage.expected}（${Math.round((coverage.linkedExpected / coverage.expected) * 100)}%）`,
    ]);
    const topics = data.orgs.reduce((sum, org) => sum + org.topics, 0);
    expect(await page.getByTestId('dashboard-stats').textContent()).toContain(String(topics));
  });

  it('rolls up the joint topics, a late county in red', async () => {
    const data = await fromApi();
    const rows = page.getByTestId('dashboard-joint-row');
    await expect
      .poll(() => rows.evaluateAll((found) => found.map((row) => (row as HTMLElement).dataset.title)))
      .toEqual(data.jointTopics.map((topic) => topic.title));
    const late = page.locator(`[data-testid="dashboard-joint-row"][data-title="${LATE_TITLE}"]`);
    await expect
      .poll(() => late.getByTestId('dashboard-conflict').textContent())
      .toBe('1 个下级晚于要求时间');
    expect(await late.textContent()).toContain('1/1（100%）');
    expect(await page.getByTestId('dashboard-conflict').count()).toBe(
      data.jointTopics.filter((topic) => topic.rollup.conflicts > 0).length,
    );
  });

  it('redraws the charts to their new width when the window narrows', async () => {
    const canvas = page.getByTestId('dashboard-chart-method').locator('canvas').first();
    const before = (await canvas.boundingBox())?.width ?? 0;
    await page.setViewportSize({ width: NARROW_WIDTH, height: TALL_HEIGHT });
    await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(before + 50);
    await page.setViewportSize({ width: VIEWPORT.width, height: TALL_HEIGHT });
    await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeCloseTo(before, -1);
    await screenshot(page, 'dashboard.png');
    expect(bed.pageErrors).toEqual([]);
  });
});
