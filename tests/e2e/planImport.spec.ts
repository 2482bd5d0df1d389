import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  card,
  openPlanAs,
  screenshot,
  startBrowserTestBed,
  SYNC_TIMEOUT_MS,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * Importing a plan table in a real Chromium: the city editor uploads a workbook whose first column the
 * import takes for the topics, sees the row that breaks it, corrects the mapping, reads the preview and
 * imports; the topics arrive on the board.
 */

/** The demo's soliciting plan: open for new topics. */
const PLAN_ID = 'city-2022';
const TITLES = ['城市内涝治理情况', '背街小巷照明改造情况', '检查《消防法》实施情况'] as const;

async function workbookBytes(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('2022年计划');
  sheet.addRow(['示范市人大常委会2022年度监督工作计划']);
  sheet.mergeCells('A1:E1');
  sheet.addRow(['项目', '监督议题', '监督方式', '时间安排', '牵头委室']);
  sheet.addRow(['民生', TITLES[0], '听取和审议专项工作报告', '6月', '城建环资委']);
  sheet.addRow(['', TITLES[1], '视察', '第二季度', '城建环资委']);
  sheet.addRow(['法治', TITLES[2], '', '第五次常委会会议', '社会建设委']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let bed: BrowserTestBed;
let page: Page;

describe('plan import in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    page = await openPlanAs(bed, 'city.editor', PLAN_ID);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('previews a workbook, shows its problem, takes a corrected mapping and imports the topics', async () => {
    await page.getByTestId('import-button').click();
    const drawer = page.getByTestId('import-drawer');
    await drawer.waitFor();
    await drawer.locator('input[type="file"]').setInputFiles({
      name: '2022年度监督工作计划.xlsx',
      mimeType: 'application/octet-stream',
      buffer: await workbookBytes(),
    });

    // The first column (项目) reads as the topic: the row without one is an error, and import is disabled.
    const preview = drawer.getByTestId('import-preview');
    await preview.getByText('缺少议题名称').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await drawer.getByText('错误 1 处').waitFor();
    expect(await drawer.getByTestId('import-submit').isDisabled()).toBe(true);
    await drawer.getByTestId('import-only-problems').click();
    // The 民生 row reads cleanly; the other two have an error or a notice.
    expect(await preview.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await preview.locator('tbody tr.plan-import-row-error').count()).toBe(1);
    await drawer.getByTestId('import-only-problems').click();

    // 监督议题 holds the topics: choosing it for 议题 takes that field from 项目.
    await drawer.getByLabel('“监督议题”列导入为').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="议题"]')
      .click();
    await preview.getByText(TITLES[0]).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await drawer.getByText('错误 0 处').waitFor();
    await preview.getByText('“第二季度”按该季度第一个月安排').waitFor();
    await preview.getByText('监督方式根据议题名称推定').waitFor();
    const submit = drawer.getByTestId('import-submit');
    await expect(submit.textContent()).resolves.toContain('导入 3 条议题');
    expect(await submit.isDisabled()).toBe(false);
    await screenshot(page, 'import-preview.png');

    await submit.click();
    await page.getByText('已导入 3 条议题').waitFor();
    for (const title of TITLES) await card(page, title).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await screenshot(page, 'import-board.png');
  });
});
