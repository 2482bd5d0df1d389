import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * An organisation's lifecycle settings in the administration: the city's administrator says that a
 * county's plan is passed by its standing committee session without going to the Party committee.
 */

let bed: BrowserTestBed;
let page: Page;

describe('lifecycle settings of an organisation in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    page = await newPage(bed, await newContext(bed), 'city.admin');
    await signInThroughUi(page, bed.url, '/', 'city.admin');
    await page.getByTestId('admin-link').click();
    await page.waitForURL((url) => url.pathname === '/admin');
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('shows the approving body and party review, and keeps what the administrator chose', async () => {
    await page.getByRole('button', { name: '编辑组织：西河区' }).click();
    const dialog = page.getByRole('dialog');
    const review = dialog.getByRole('switch', { name: '报党委审定' });
    await review.waitFor();
    // A county's defaults: the council of chairs passes the plan, after the Party committee's review.
    expect(await review.getAttribute('aria-checked')).toBe('true');
    await dialog.getByText('主任会议', { exact: true }).waitFor();

    await dialog.getByLabel('计划审议机关').click();
    await page.locator('.ant-select-item-option[title="常委会会议"]').click();
    await review.click();
    expect(await review.getAttribute('aria-checked')).toBe('false');
    await screenshot(page, 'admin-org-lifecycle-settings.png', { keepMouse: true });
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('已保存“西河区”').waitFor();

    const org = (await (await page.request.get(`${bed.url}/api/orgs/county-4`)).json()) as {
      org: { settings: unknown };
    };
    expect(org.org.settings).toEqual({ partyReview: false, approvingBody: 'standing_committee' });

    // Opened again, the form shows the saved settings.
    await page.getByRole('button', { name: '编辑组织：西河区' }).click();
    const again = page.getByRole('dialog').getByRole('switch', { name: '报党委审定' });
    await again.waitFor();
    expect(await again.getAttribute('aria-checked')).toBe('false');
    await page.getByRole('dialog').getByText('常委会会议', { exact: true }).waitFor();
    expect(bed.pageErrors).toEqual([]);
  });
});
