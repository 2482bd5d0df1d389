import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPlanId } from '@yipan/server';
import {
  boardTitles,
  mouseDrag,
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
 * Board views and search in a real Chromium on the demo city plan: columns by lead committee, swimlanes
 * by supervised body, a method filter, a search that only the notes answer, the table sorted by month,
 * and all of it surviving a reload because it lives in the URL.
 */

const PLAN_ID = demoPlanId('city');
const COURT = '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问';
const SUPERVISORY = '听取和审议市监察委员会关于整治群众身边腐败和作风问题工作情况的报告';
const VILLAGE = '开展《中华人民共和国乡村振兴促进法》实施情况执法检查';
const SAFETY = '开展《中华人民共和国安全生产法》实施情况执法检查';
const LIVELIHOOD = '听取市人民政府关于民生实事项目实施情况的报告，并进行满意度测评';
/** Appears only in the notes of the 乡村振兴 inspection ("…各县区同步检查本行政区域实施情况。"). */
const NOTES_ONLY = '本行政区域';
/** Tall enough for three swimlanes of the city plan one above the other. */
const TALL_VIEWPORT_HEIGHT = 2_400;

let bed: BrowserTestBed;
let page: Page;

/** Picks an option of the toolbar's (native) select labelled `label`. */
async function pick(label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}

/** Opens the antd select labelled `label` and clicks an option, as a person does. */
async function choose(label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  // The dropdown of this select (another one may still be fading out).
  const list = await select.getAttribute('aria-controls');
  await page
    .locator(`.ant-select-dropdown:has([id="${list}"]) .ant-select-item-option[title="${option}"]`)
    .click();
}

/** Titles of the cards in a column, optionally within one swimlane. */
function cellTitles(column: string, lane?: string): Promise<string[]> {
  const scope = lane ? `[data-testid="lane-${lane}"] ` : '';
  return page
    .locator(`${scope}[data-testid="column-${column}"] [data-testid="topic-card"]`)
    .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.title ?? ''));
}

/** Titles of the table's rows, top to bottom. */
function rowTitles(): Promise<string[]> {
  return page
    .getByTestId('table-row')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.title ?? ''));
}

describe('board views and search in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // Before approval the plan is edited freely (an executing plan changes only through an adjustment).
    await bed.server.db.plans.setStatus(PLAN_ID, 'collating');
    const context = await newContext(bed);
    page = await newPage(bed, context, 'city.editor');
    await signInThroughUi(page, bed.url, `/plans/${PLAN_ID}`, 'city.editor');
    await waitSynced(page);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('groups the columns by lead committee, the empty value first', async () => {
    await pick('分栏', '牵头委室');
    const headings = page.getByTestId('board').locator('.column-title');
    await expect
      .poll(() => headings.allTextContents())
      .toEqual([
        '未指定',
        '财经委',
        '监察和司法委',
        '教科文卫委',
        '城建环资委',
        '农业与农村委',
        '社会建设委',
        '代表工委',
        '预算工委',
      ]);
    expect(await cellTitles('监察和司法委')).toEqual([COURT, SUPERVISORY]);
    expect(await cellTitles('财经委')).toHaveLength(3);
    expect(new URL(page.url()).searchParams.get('group')).toBe('leadCommittee');
  });

  it('adds swimlanes by supervised body; each lane holds only its bodies’ topics', async () => {
    await pick('泳道', '监督对象');
    const lanes = page.locator('[data-testid^="lane-"] .lane-title');
    await expect
      .poll(() => lanes.evaluateAll((titles) => titles.map((t) => t.firstChild?.textContent)))
      .toEqual(['人民政府', '监察委员会', '人民法院']);
    expect(await cellTitles('监察和司法委', 'court')).toEqual([COURT]);
    expect(await cellTitles('监察和司法委', 'supervisory_commission')).toEqual([SUPERVISORY]);
    expect(await cellTitles('监察和司法委', 'gov')).toEqual([]);
    await screenshot(page, 'views-lanes.png');
  });

  it('sets both fields when a card is dropped in another lane’s column', async () => {
    const card = page.locator(
      `[data-testid="lane-supervisory_commission"] [data-testid="topic-card"][data-title="${SUPERVISORY}"]`,
    );
    const target = page.locator('[data-testid="lane-court"] [data-testid="column-财经委"] .column-body');
    // Lanes stack downwards: a tall window shows the source and the target lane at once, as on a big screen.
    await page.setViewportSize({ width: VIEWPORT.width, height: TALL_VIEWPORT_HEIGHT });
    const from = await card.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('card or column not on screen');
    await mouseDrag(
      page,
      { x: from.x + from.width / 2, y: from.y + 20 },
      { x: to.x + to.width / 2, y: to.y + 30 },
    );
    await expect.poll(() => cellTitles('财经委', 'court')).toEqual([SUPERVISORY]);
    // Its old lane had no other topic, so it is gone.
    await page.getByTestId('lane-supervisory_commission').waitFor({ state: 'detached' });
    await screenshot(page, 'views-drop.png');
    await page.setViewportSize(VIEWPORT);
  });

  it('filters by method', async () => {
    await page.getByTestId('view-filters').click();
    await choose('按监督方式筛选', '执法检查');
    await expect.poll(() => boardTitles(page)).toEqual([VILLAGE, SAFETY]);
    // Escape closes the filters and gives focus back to their button, as a keyboard user expects.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '筛选' }).waitFor({ state: 'hidden' });
    const button = page.getByRole('button', { name: '筛选（1）' });
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('searches a Chinese substring found only in a topic’s notes, and marks it', async () => {
    await page.mouse.click(5, 5);
    // The shortcut a keyboard user reaches the search with.
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: '搜索议题和备注' });
    await expect.poll(() => search.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type(NOTES_ONLY);
    await expect.poll(() => boardTitles(page)).toEqual([VILLAGE]);
    const match = page.getByTestId('notes-match');
    expect(await match.locator('mark').textContent()).toBe(NOTES_ONLY);
    expect(await page.getByTestId('board-total').textContent()).toBe('显示 1 / 11 项');
    await screenshot(page, 'views-search.png');
  });

  it('shows the table, sorted by month on a click of the header, and opens a topic from a row', async () => {
    await page.getByTestId('view-search').fill('');
    await page.getByTestId('view-filters').click();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.keyboard.press('Escape');
    await page.getByText('表格', { exact: true }).click();
    const table = page.getByTestId('topic-table');
    await table.waitFor();
    await expect.poll(() => rowTitles()).toHaveLength(11);
    const schedule = table.locator('th', { hasText: '时间安排' });
    await schedule.click();
    await expect.poll(async () => (await rowTitles())[0]).toBe(COURT);
    await schedule.click();
    await expect.poll(async () => (await rowTitles())[0]).toBe(LIVELIHOOD);
    expect((await rowTitles()).slice(1, 3)).toEqual([SAFETY, '对城区学位建设审议意见落实情况开展“回头看”']);
    await screenshot(page, 'views-table.png');

    await page.getByRole('button', { name: `打开议题：${SAFETY}` }).click();
    await page.getByTestId('topic-title-input').waitFor();
    await page.keyboard.press('Escape');
  });

  it('keeps the whole view after a reload', async () => {
    await page.reload();
    await waitSynced(page);
    await page.getByTestId('topic-table').waitFor();
    await expect.poll(async () => (await rowTitles())[0]).toBe(LIVELIHOOD);
    await page.getByText('看板', { exact: true }).click();
    await expect.poll(() => cellTitles('监察和司法委', 'court')).toEqual([COURT]);
    expect(await cellTitles('财经委', 'court')).toEqual([SUPERVISORY]);
    await page.keyboard.press('Control+k');
    const search = page.getByRole('searchbox', { name: '搜索议题和备注' });
    await expect.poll(() => search.evaluate((input) => input === document.activeElement)).toBe(true);
    const params = new URL(page.url()).searchParams;
    expect(params.get('group')).toBe('leadCommittee');
    expect(params.get('lanes')).toBe('supervisedBody');
    expect(bed.pageErrors).toEqual([]);
  });
});
