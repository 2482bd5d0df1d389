import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  artifactsDir,
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * The public site (监督公开) in Chromium, signed out, on an office screen and on a phone; then the city's
 * administrator changes which fields are public and the public page follows.
 */

const PHONE = { width: 390, height: 844 };
const CITY_PLAN_TITLE = '示范市人大常委会2021年度监督工作计划';

let bed: BrowserTestBed;

async function phoneContext(): Promise<BrowserContext> {
  return bed.browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
}

async function save(page: Page, file: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, file), fullPage });
}

/** Whether the page scrolls sideways (it must not on a phone). */
function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('the public site in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('lists the published plans and shows one, signed out, on a desktop', async () => {
    const page = await newPage(bed, await newContext(bed), 'visitor');
    await page.goto(`${bed.url}/public`);
    await page.getByRole('heading', { level: 1, name: '人大监督工作计划公开' }).waitFor();
    const cityLink = page.getByRole('link', { name: CITY_PLAN_TITLE });
    await cityLink.waitFor();
    // Only published plans: the city's and 示范县's (executing); 示范区's plan is only approved.
    expect(await page.locator('.plan-list a').allTextContents()).toEqual([
      CITY_PLAN_TITLE,
      '示范县人大常委会2021年度监督工作计划',
    ]);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count()).toBe(1);
    await save(page, 'public-desktop.png', true);

    await cityLink.click();
    await page.getByRole('heading', { level: 1, name: CITY_PLAN_TITLE }).waitFor();
    await page.getByRole('heading', { level: 2, name: '一、听取和审议专项工作报告' }).waitFor();
    expect(await page.locator('article.topic').count()).toBeGreaterThan(5);
    await page.getByText('监察和司法委').first().waitFor();
    await save(page, 'public-plan-desktop.png');

    // The feed is well-formed XML as a browser's own parser reads it.
    const feed = await page.evaluate(async () => {
      const text = await (await fetch('/public/feed.atom')).text();
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      return {
        errors: xml.getElementsByTagName('parsererror').length,
        titles: Array.from(xml.getElementsByTagName('entry')).map(
          (entry) => entry.getElementsByTagName('title')[0]?.textContent ?? '',
        ),
      };
    });
    expect(feed.errors).toBe(0);
    expect(feed.titles).toEqual(expect.arrayContaining([expect.stringContaining(CITY_PLAN_TITLE)]));
    expect(bed.pageErrors).toEqual([]);
  });

  it('fits a phone without sideways scrolling', async () => {
    const page = await newPage(bed, await phoneContext(), 'phone visitor');
    await page.goto(`${bed.url}/public`);
    await page.getByRole('link', { name: CITY_PLAN_TITLE }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await save(page, 'public-phone.png', true);

    await page.getByRole('link', { name: CITY_PLAN_TITLE }).tap();
    await page.getByRole('heading', { level: 1, name: CITY_PLAN_TITLE }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await save(page, 'public-plan-phone.png');
  });

  it('shows what the administrator chooses to publish', async () => {
    const visitor = await newPage(bed, await newContext(bed), 'visitor');
    await visitor.goto(`${bed.url}/public/plans/city-2021`);
    const field = (name: string) => visitor.locator('dt', { hasText: new RegExp(`^${name}$`) });
    await field('牵头委室').first().waitFor();
    expect(await field('分管领导').count()).toBe(0);

    const admin = await newPage(bed, await newContext(bed), 'city.admin');
    await signInThroughUi(admin, bed.url, '/admin/disclosure', 'city.admin');
    const tab = admin.getByTestId('admin-disclosure');
    await tab.waitFor();
    const leader = tab.getByRole('switch', { name: '分管领导' });
    const committee = tab.getByRole('switch', { name: '牵头委室' });
    expect(await leader.getAttribute('aria-checked')).toBe('false');
    expect(await committee.getAttribute('aria-checked')).toBe('true');
    await leader.click();
    await committee.click();
    await screenshot(admin, 'admin-disclosure.png', { keepMouse: true });
    await tab.getByRole('button', { name: /^保\s*存$/ }).click();
    await admin.getByText('已保存“示范市”的公开设置').waitFor();

    // A reload revalidates the cached page (ETag), so the visitor sees the change at once.
    await visitor.reload();
    await field('分管领导').first().waitFor();
    expect(await field('牵头委室').count()).toBe(0);

    // Opened again, the form shows the saved choice.
    await admin.reload();
    await admin.getByTestId('admin-disclosure').waitFor();
    expect(await admin.getByRole('switch', { name: '分管领导' }).getAttribute('aria-checked')).toBe('true');
    expect(bed.pageErrors).toEqual([]);
  });
});
