import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  card,
  newContext,
  newPage,
  openPlanAs,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  waitSynced,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * One chessboard (全市一盘棋) in a real Chromium, the acceptance test: the city editor marks a
 * topic joint, a county editor in a second browser adopts it, and the city's open matrix turns the
 * county's cell to 已列入计划 without a reload. Also: drilling from a cell, the keyboard, reminders.
 */

const CITY_PLAN = 'city-2021';
const COUNTY_PLAN = 'county-1-2021';
/** A city topic no county has answered in the demo data (its 执行难 and 乡村振兴 are joint already). */
const TOPIC = '开展《中华人民共和国安全生产法》实施情况执法检查';
/** The demo's joint topic, which 示范县 has already linked. */
const JOINT_TOPIC = '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问';
const COUNTY = '示范县';
const OTHER_COUNTIES = ['示范区', '东山县', '西河区'];
/** The issue asks for "within a second" over socket.io; a loaded CI machine gets a few. */
const LIVE_UPDATE_MS = 5_000;

let bed: BrowserTestBed;
let city: Page;
/** Coverage before the city marks TOPIC joint. */
let before: [number, number];

/** The matrix cell of an organisation on a topic's row. */
function matrixCell(page: Page, org: string, topic = TOPIC) {
  return page
    .locator(`[data-testid="alignment-row"][data-topic="${topic}"]`)
    .locator(`[data-testid="alignment-cell"][data-org="${org}"]`);
}

/** The overall coverage the header shows, as [covered, expected]. */
async function coverage(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('alignment-coverage').textContent()) ?? '';
  const match = /已覆盖 (\d+)\/(\d+) 项联动要求/.exec(text);
  if (!match) throw new Error(`no coverage in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

/** Goes from the board to the matrix with the toolbar's 一盘棋 button and waits for the grid. */
async function openMatrix(page: Page): Promise<void> {
  await page.getByTestId('alignment-open').click();
  await page.waitForURL((url) => url.pathname === `/plans/${CITY_PLAN}/alignment`);
  await page.locator('[data-testid="alignment-matrix"][data-rendered-at]').waitFor();
}

describe('the alignment matrix in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // The demo plans are executing, so frozen: marking joint and adopting happen before approval.
    await bed.server.db.plans.setStatus(CITY_PLAN, 'collating');
    await bed.server.db.plans.setStatus(COUNTY_PLAN, 'collating');
    city = await openPlanAs(bed, 'city.editor', CITY_PLAN);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('opens from the board with the counties as columns and nothing asked of them yet', async () => {
    await openMatrix(city);
    const columns = await city
      .getByTestId('alignment-column')
      .evaluateAll((heads) => heads.map((head) => (head as HTMLElement).dataset.org));
    expect(columns).toEqual([COUNTY, ...OTHER_COUNTIES]);
    await expect(matrixCell(city, COUNTY).getAttribute('data-state')).resolves.toBe('not_expected');
    // The demo's joint topic: 示范县 has it in its plan, 东山县 has not answered.
    expect(['planned', 'in_progress', 'done', 'closed']).toContain(
      await matrixCell(city, COUNTY, JOINT_TOPIC).getAttribute('data-state'),
    );
    await expect(matrixCell(city, '东山县', JOINT_TOPIC).getAttribute('data-state')).resolves.toBe(
      'not_answered',
    );
    // Every state reads without colour: each cell draws (by its class) the glyph the legend shows for it.
    const legend = new Map(
      await city
        .locator('.matrix-legend .matrix-swatch')
        .evaluateAll((swatches) =>
          swatches.map((swatch): [string, string] => [
            /matrix-cell--(\w+)/.exec(swatch.getAttribute('class') ?? '')?.[1] ?? '',
            swatch.textContent ?? '',
          ]),
        ),
    );
    const glyphs = await city
      .getByTestId('alignment-cell')
      .evaluateAll((cells) =>
        cells.map((cell): [string, string] => [
          cell.getAttribute('data-state') ?? '',
          getComputedStyle(cell, '::before').content.replace(/^"|"$/g, ''),
        ]),
      );
    expect(new Set(glyphs.map(([state]) => state)).size).toBeGreaterThan(2);
    for (const [state, glyph] of glyphs) expect([state, glyph]).toEqual([state, legend.get(state)]);
    before = await coverage(city);
    expect(before[0]).toBeLessThan(before[1]);
    // 示范县's topics that answer none of the city's are listed as its own.
    await city.getByTestId('alignment-local-org').filter({ hasText: COUNTY }).waitFor();
    await screenshot(city, 'alignment-before.png');
    // Each county's own topics fold out under the matrix, flagged as not linked.
    await city.getByTestId('alignment-local-org').filter({ hasText: COUNTY }).click();
    const local = city.getByTestId('alignment-local');
    await local.getByText('未关联').first().waitFor();
    await local.scrollIntoViewIfNeeded();
    await screenshot(city, 'alignment-local.png');
  });

  it('marks a topic joint on the board, and the matrix then waits for every county', async () => {
    await city.getByTestId('alignment-back').click();
    await city.waitForURL((url) => url.pathname === `/plans/${CITY_PLAN}`);
    await card(city, TOPIC).click();
    await city.getByTestId('joint-switch').click();
    await city.getByTestId('joint-table').waitFor();
    await city.getByTestId('save').click();
    await openMatrix(city);
    for (const org of [COUNTY, ...OTHER_COUNTIES])
      await expect(matrixCell(city, org).getAttribute('data-state')).resolves.toBe('not_answered');
    await expect(matrixCell(city, COUNTY).textContent()).resolves.toContain('未答复');
    // Four more expectations (须联动 for each county by default), none covered yet.
    await expect(coverage(city)).resolves.toEqual([before[0], before[1] + 4]);
    const row = city.locator(`[data-testid="alignment-row"][data-topic="${TOPIC}"]`);
    await expect(row.getByRole('rowheader').textContent()).resolves.toContain('联动');
  });

  it('turns the county’s cell to planned, live, when the county adopts the topic in another browser', async () => {
    // A reload would drop this mark.
    await city.evaluate(() => Object.assign(window, { alignmentTestMark: true }));
    const county = await openPlanAs(bed, 'county.editor', COUNTY_PLAN);
    await county.getByTestId('upstream-toggle').click();
    const parentTopic = county.locator(`[data-testid="upstream-topic"][data-title="${TOPIC}"]`);
    await parentTopic.getByTestId('upstream-adopt').click();
    // The county's board opens its new linked topic once the server has made it.
    await county.getByText(`已采纳“${TOPIC}”，并在本计划中新建了联动议题`).waitFor();

    const cell = matrixCell(city, COUNTY);
    await expect
      .poll(() => cell.getAttribute('data-state'), { timeout: LIVE_UPDATE_MS, interval: 100 })
      .toBe('planned');
    await expect(cell.textContent()).resolves.toContain('已列入计划');
    await expect(city.evaluate(() => 'alignmentTestMark' in window)).resolves.toBe(true);
    // The other counties still owe an answer; coverage counts the one that answered.
    await expect(matrixCell(city, OTHER_COUNTIES[0] ?? '').getAttribute('data-state')).resolves.toBe(
      'not_answered',
    );
    await expect(coverage(city)).resolves.toEqual([before[0] + 1, before[1] + 4]);
    await screenshot(city, 'alignment-after.png');
    await screenshot(county, 'alignment-county-adopted.png');
    await county.context().close();
  });

  it('shows one tooltip with the details of the hovered or focused cell and moves with the arrow keys', async () => {
    const cell = matrixCell(city, COUNTY);
    await cell.hover();
    const tip = city.getByTestId('alignment-tip');
    // The state at once; what was expected and the linked topic once the row's details are read.
    await tip.getByText('联动要求：须联动').waitFor();
    await expect(tip.textContent()).resolves.toContain(TOPIC);
    await expect(tip.textContent()).resolves.toContain('已列入计划');
    await screenshot(city, 'alignment-tooltip.png', { keepMouse: true });

    await cell.focus();
    await expect(cell.getAttribute('aria-label')).resolves.toBe(
      `${COUNTY}，${TOPIC}：已列入计划，按回车键打开下级议题`,
    );
    await city.keyboard.press('ArrowRight');
    const focused = () => city.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    await expect(focused()).resolves.toBe(`${OTHER_COUNTIES[0]}，${TOPIC}：未答复`);
    await city.mouse.move(0, 0);
    await expect(tip.textContent()).resolves.toContain(`${OTHER_COUNTIES[0]} · ${TOPIC}`);
    // One tab stop: the grid is left with a single Tab, not one per cell.
    await expect(city.locator('[data-testid="alignment-cell"][tabindex="0"]').count()).resolves.toBe(1);
    await city.keyboard.press('ArrowLeft');
  });

  it('shows only the joint topics when asked', async () => {
    const rows = city.getByTestId('alignment-row');
    expect(await rows.count()).toBeGreaterThan(1);
    await city.getByRole('checkbox', { name: '只看联动议题' }).check();
    // The demo's 执行难 and 乡村振兴, and the topic marked joint above.
    await expect.poll(() => rows.count()).toBe(3);
    for (const head of await rows.getByRole('rowheader').all())
      await expect(head.textContent()).resolves.toContain('联动');
    await city.getByRole('checkbox', { name: '只看联动议题' }).uncheck();
  });

  it('reminds, after a confirmation, the counties that have not answered and names them', async () => {
    await city.getByTestId('alignment-remind').click();
    await city.locator('.ant-popconfirm').getByRole('button', { name: '发送提醒' }).click();
    const outcome = city.getByTestId('alignment-reminded');
    await expect.poll(() => outcome.textContent()).toBe(`已提醒：${OTHER_COUNTIES.join('、')}`);
  });

  it('drills from the county’s cell into the adopted topic on the county’s board', async () => {
    await matrixCell(city, COUNTY).click();
    await city.waitForURL((url) => url.pathname === `/plans/${COUNTY_PLAN}`);
    const drawer = city.getByTestId('topic-drawer');
    await drawer.waitFor();
    await expect(drawer.getByLabel('议题名称').inputValue()).resolves.toBe(TOPIC);
  });

  it('shows a county the same page for its townships, here in English', async () => {
    const county = await newPage(bed, await newContext(bed, 'en'), 'county.editor (en)');
    await signInThroughUi(county, bed.url, `/plans/${COUNTY_PLAN}`, 'county.editor');
    await waitSynced(county);
    await county.getByTestId('alignment-open').click();
    await county.waitForURL((url) => url.pathname === `/plans/${COUNTY_PLAN}/alignment`);
    await county.locator('[data-testid="alignment-matrix"][data-rendered-at]').waitFor();
    const columns = await county
      .getByTestId('alignment-column')
      .evaluateAll((heads) => heads.map((head) => (head as HTMLElement).dataset.org));
    expect(columns).toEqual(['示范镇', '青石镇']);
    // The county's 乡村振兴 inspection is joint for its townships: 示范镇 took it up, 青石镇 has not answered.
    const rural = '开展《中华人民共和国乡村振兴促进法》实施情况执法检查';
    expect(['planned', 'in_progress', 'done', 'closed']).toContain(
      await matrixCell(county, '示范镇', rural).getAttribute('data-state'),
    );
    await expect(matrixCell(county, '青石镇', rural).textContent()).resolves.toContain('Not answered');
    await county.getByText(/joint expectations covered$/).waitFor();
    await screenshot(county, 'alignment-county-en.png');
    expect(bed.pageErrors).toEqual([]);
  });

  it('shows a county only the columns of plans it may read, and says how many it left out', async () => {
    // 示范县's plan was set back to collating above: like 东山县's and 西河区's, a peer's unpublished plan.
    const county2 = await newPage(bed, await newContext(bed), 'county2.editor');
    await signInThroughUi(county2, bed.url, `/plans/${CITY_PLAN}/alignment`, 'county2.editor');
    await county2.locator('[data-testid="alignment-matrix"][data-rendered-at]').waitFor();
    const columns = await county2
      .getByTestId('alignment-column')
      .evaluateAll((heads) => heads.map((head) => (head as HTMLElement).dataset.org));
    expect(columns).toEqual(['示范区']);
    await expect(county2.getByTestId('alignment-hidden').textContent()).resolves.toBe(
      '另有 3 个下级的计划您无权查看，未列出。',
    );
    await screenshot(county2, 'alignment-hidden-children.png');
    // The city's topics are all there: only the columns are left out.
    await expect(
      county2.locator(`[data-testid="alignment-row"][data-topic="${TOPIC}"]`).count(),
    ).resolves.toBe(1);
    expect(bed.pageErrors).toEqual([]);
  });
});
