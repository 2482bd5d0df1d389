import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import {
  artifactsDir,
  openPlanAs,
  SETTLE_MS,
  startBrowserTestBed,
  type BrowserTestBed,
} from './support/browserTest';

/*
 * Issue 8's exports in a real Chromium: the board's 导出 menu downloads the issued plan as Word and the plan
 * table as Excel under their Chinese names, and the print stylesheet lays out the board and the alignment
 * matrix for A4 landscape without the app's chrome (screenshots in tests/artifacts/print-*.png).
 */

const CITY_PLAN = 'city-2021';
const CITY_TITLE = '示范市人大常委会2021年度监督工作计划';
/** A4 landscape at 96 dpi (297 × 210 mm), the page the print stylesheet lays out for. */
const A4_LANDSCAPE = { width: 1123, height: 794 };

let bed: BrowserTestBed;
let page: Page;

/** Chooses an entry of the board's 导出 menu and waits for the file it downloads. */
async function downloadFromMenu(entry: 'export-docx' | 'export-xlsx') {
  await page.getByTestId('export-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(entry).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** Whether an element is laid out (not display: none) under the current media. */
function shown(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    return element !== null && getComputedStyle(element).display !== 'none';
  }, selector);
}

describe('plan exports and print in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    page = await openPlanAs(bed, 'city.viewer', CITY_PLAN);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('downloads the issued plan as Word from the board’s 导出 menu', async () => {
    const file = await downloadFromMenu('export-docx');
    expect(file.name).toBe(`${CITY_TITLE}.docx`);
    expect(file.bytes.length).toBeGreaterThan(0);
    const { value } = await mammoth.extractRawText({ buffer: file.bytes });
    expect(value.trim().split('\n')[0]).toBe(CITY_TITLE);
    expect(value).toContain('一、听取和审议专项工作报告');
  });

  it('downloads the plan table as Excel from the same menu', async () => {
    const file = await downloadFromMenu('export-xlsx');
    expect(file.name).toBe(`${CITY_TITLE}.xlsx`);
    expect(file.bytes.length).toBeGreaterThan(0);
    const zip = await JSZip.loadAsync(file.bytes);
    expect(zip.file('xl/workbook.xml')).not.toBeNull();
  });

  it('prints the board on A4 landscape: the plan title on top, no sidebar, toolbars or buttons', async () => {
    await page.setViewportSize(A4_LANDSCAPE);
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(SETTLE_MS);
    expect(await shown(page, '.app-sider')).toBe(false);
    expect(await shown(page, '.lifecycle-bar')).toBe(false);
    expect(await shown(page, '[data-testid="export-menu"]')).toBe(false);
    expect(await shown(page, '.app-header .plan-title')).toBe(true);
    await expect(page.locator('.app-header .plan-title').textContent()).resolves.toBe(CITY_TITLE);
    // Every card is whole: none is allowed to break across a page.
    const breaks = await page
      .locator('.topic-card')
      .evaluateAll((cards) => cards.map((card) => getComputedStyle(card).breakInside));
    expect(breaks.length).toBeGreaterThan(0);
    expect(new Set(breaks)).toEqual(new Set(['avoid']));
    await page.screenshot({ path: join(artifactsDir, 'print-board.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints the alignment matrix as a page-wide table with its header row repeated', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('alignment-open').click();
    await page.waitForURL((url) => url.pathname === `/plans/${CITY_PLAN}/alignment`);
    await page.locator('[data-testid="alignment-matrix"][data-rendered-at]').waitFor();
    await expect(page.getByTestId('alignment-export-xlsx').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('alignment-print').isVisible()).resolves.toBe(true);

    await page.setViewportSize(A4_LANDSCAPE);
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(SETTLE_MS);
    const layout = await page.evaluate(() => {
      const grid = document.querySelector('.matrix-grid');
      const head = document.querySelector('.matrix-head');
      return {
        grid: grid ? getComputedStyle(grid).display : null,
        head: head ? getComputedStyle(head).display : null,
        gridWidth: grid?.getBoundingClientRect().width ?? 0,
        pageWidth: document.documentElement.clientWidth,
      };
    });
    expect(layout.grid).toBe('table');
    expect(layout.head).toBe('table-header-group');
    expect(layout.gridWidth).toBeLessThanOrEqual(layout.pageWidth);
    expect(await shown(page, '.alignment-actions')).toBe(false);
    await page.screenshot({ path: join(artifactsDir, 'print-matrix.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(bed.pageErrors).toEqual([]);
  });
});
