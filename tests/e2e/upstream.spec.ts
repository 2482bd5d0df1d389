import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  card,
  columnTitles,
  openPlanAs,
  screenshot,
  startBrowserTestBed,
  SYNC_TIMEOUT_MS,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * One chessboard from a county's board in Chromium: the city marks topics joint (联动), the county editor
 * answers them in the upstream drawer (上级议题): adopts one (a linked topic appears on the board), declines
 * another with a reason; then the city moves the adopted topic's month and the county accepts the change.
 */

const CITY_PLAN = 'city-2021';
const COUNTY_PLAN = 'county-1-2021';
/** A city topic the county has no topic for: it adopts it. */
const ADOPTED = '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评';
/** A city topic the county declines. */
const DECLINED = '开展《中华人民共和国安全生产法》实施情况执法检查';
const DECLINE_REASON = '本县已于2020年开展安全生产执法检查，今年安排跟踪监督。';

let bed: BrowserTestBed;
let city: Page;
let county: Page;

/** Picks an option of an antd select found by its label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** Opens a topic's drawer from its card. */
async function openTopic(page: Page, title: string): Promise<void> {
  await card(page, title).click();
  await page.getByTestId('topic-drawer').waitFor();
}

/** Closes the topic drawer with its 完成 button. */
async function closeTopic(page: Page): Promise<void> {
  await page.getByTestId('topic-drawer').getByTestId('save').click();
  await page.getByTestId('topic-drawer').waitFor({ state: 'detached' });
}

/** The parent topic's entry in the open upstream drawer. */
function parentTopic(page: Page, title: string) {
  return page.getByTestId('upstream-drawer').locator(`[data-testid="upstream-topic"][data-title="${title}"]`);
}

describe('answering the city from a county board in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // Both demo plans are executing (frozen); the scenario is the planning season, before approval.
    await bed.server.db.plans.setStatus(CITY_PLAN, 'collating');
    await bed.server.db.plans.setStatus(COUNTY_PLAN, 'collating');
    city = await openPlanAs(bed, 'city.editor', CITY_PLAN);
    county = await openPlanAs(bed, 'county.editor', COUNTY_PLAN);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('lets the city mark topics joint, with an expectation of each county', async () => {
    for (const title of [ADOPTED, DECLINED]) {
      await openTopic(city, title);
      const joint = city.getByTestId('joint-section');
      await joint.getByTestId('joint-switch').click();
      // Every county is expected to take part unless the city says otherwise.
      await joint.getByTestId('joint-table').waitFor();
      await expect.poll(() => joint.getByTestId('joint-level').count()).toBe(4);
      await joint.getByLabel('示范县的联动要求').waitFor();
      if (title === ADOPTED) await screenshot(city, 'upstream-joint-section.png');
      await closeTopic(city);
      await card(city, title).getByTestId('topic-joint-tag').waitFor();
    }
    // The county was not asked about anything else.
    expect(
      await card(city, '听取和审议市人民政府关于2020年度国有资产管理情况的综合报告')
        .getByTestId('topic-joint-tag')
        .count(),
    ).toBe(0);
  });

  it('shows the county what awaits its answer, grouped under the city’s plan', async () => {
    const toggle = county.getByTestId('upstream-toggle');
    await expect.poll(() => toggle.getAttribute('data-pending'), { timeout: SYNC_TIMEOUT_MS }).toBe('2');
    await toggle.click();
    const drawer = county.getByTestId('upstream-drawer');
    await drawer.locator('[data-testid="upstream-plan"][data-plan-id="city-2021"]').waitFor();
    // Joint topics come first; each says what the city expects.
    const items = await drawer.getByTestId('upstream-topic').evaluateAll((found) =>
      found.map((item) => ({
        title: (item as HTMLElement).dataset.title,
        joint: (item as HTMLElement).dataset.joint === 'true',
      })),
    );
    const firstPlain = items.findIndex((item) => !item.joint);
    expect(firstPlain).toBeGreaterThan(1);
    expect(items.slice(firstPlain).some((item) => item.joint)).toBe(false);
    expect(items.slice(0, firstPlain).map((item) => item.title)).toEqual(
      expect.arrayContaining([ADOPTED, DECLINED]),
    );
    await expect(
      parentTopic(county, ADOPTED).getByTestId('upstream-expectation').textContent(),
    ).resolves.toContain('须联动');
    await parentTopic(county, ADOPTED).getByText('待答复').waitFor();
    await screenshot(county, 'upstream-drawer.png');
  });

  it('adopts a joint topic: a linked topic with the parent’s title appears on the board', async () => {
    await county.getByRole('button', { name: `采纳：${ADOPTED}`, exact: true }).click();
    // The new topic's drawer opens, showing its joint link to the city's topic.
    const links = county.getByTestId('topic-drawer').getByTestId('links-section');
    const link = links.locator(`[data-testid="link-item"][data-title="${ADOPTED}"]`);
    await link.waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await link.getAttribute('data-mode')).toBe('joint');
    expect(await link.getAttribute('data-primary')).toBe('true');
    await expect(link.textContent()).resolves.toContain('示范市');
    await link.getByText('联动', { exact: true }).waitFor();
    await links.scrollIntoViewIfNeeded();
    await screenshot(county, 'upstream-topic-links.png');
    await closeTopic(county);
    await card(county, ADOPTED).waitFor({ timeout: SYNC_TIMEOUT_MS });

    await county.getByTestId('upstream-toggle').click();
    const adopted = parentTopic(county, ADOPTED);
    await adopted.getByText('已采纳/关联').waitFor();
    await adopted.getByTestId('upstream-own-topic').getByText(ADOPTED).waitFor();
  });

  it('declines a joint topic with a reason, which it must give', async () => {
    const declined = parentTopic(county, DECLINED);
    await county.getByRole('button', { name: `不采纳：${DECLINED}`, exact: true }).click();
    const modal = county.getByTestId('upstream-decline-modal');
    await modal.getByRole('button', { name: '确认不采纳' }).click();
    await modal.getByText('请填写不采纳的理由').waitFor();
    await modal.getByTestId('upstream-decline-reason').fill(DECLINE_REASON);
    await modal.getByRole('button', { name: '确认不采纳' }).click();
    await declined.getByText('不采纳', { exact: true }).waitFor();
    await declined.getByText(`理由：${DECLINE_REASON}`).waitFor();
    // Both answered: nothing awaits the county any more.
    await expect.poll(() => county.getByTestId('upstream-toggle').getAttribute('data-pending')).toBe('0');
    await screenshot(county, 'upstream-answered.png');
    await county.getByRole('button', { name: '关闭上级议题' }).click();
  });

  it('shows the city’s change of the adopted topic and takes it in when accepted', async () => {
    // The county's topic took the city's month (August): the board's columns are months.
    expect(await columnTitles(county, '8')).toContain(ADOPTED);
    await openTopic(city, ADOPTED);
    await choose(city, '安排月份', '9月');
    await closeTopic(city);

    // The county hears of it without a reload: a badge, the drawer's section, the topic's banner.
    const toggle = county.getByTestId('upstream-toggle');
    await expect.poll(() => toggle.getAttribute('data-pending'), { timeout: SYNC_TIMEOUT_MS }).toBe('1');
    await openTopic(county, ADOPTED);
    const banner = county.getByTestId('topic-upstream-banner');
    await banner.getByText('上级议题已修改').waitFor();
    await banner.getByText('月份：8月 → 9月').waitFor();
    await screenshot(county, 'upstream-topic-banner.png');
    await closeTopic(county);

    await toggle.click();
    const changes = county.getByTestId('upstream-changes');
    await changes.getByText('上级议题已修改').waitFor();
    await changes.getByText('月份：8月 → 9月').waitFor();
    await changes.scrollIntoViewIfNeeded();
    await screenshot(county, 'upstream-changed.png');
    await changes.getByTestId('upstream-accept').click();
    await changes.waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
    await county.getByRole('button', { name: '关闭上级议题' }).click();
    await expect.poll(() => columnTitles(county, '9'), { timeout: SYNC_TIMEOUT_MS }).toContain(ADOPTED);
    expect(await columnTitles(county, '8')).not.toContain(ADOPTED);
    await expect.poll(() => toggle.getAttribute('data-pending')).toBe('0');
  });

  it('edits the adopted topic’s links: contributes, a province reference made primary, removal', async () => {
    await openTopic(county, ADOPTED);
    const links = county.getByTestId('topic-drawer').getByTestId('links-section');
    const cityLink = links.locator(`[data-testid="link-item"][data-title="${ADOPTED}"]`);
    const contributes = cityLink.getByTestId('link-contributes');
    expect(await contributes.getAttribute('aria-checked')).toBe('true');
    await contributes.click();
    await expect
      .poll(() => contributes.getAttribute('aria-checked'), { timeout: SYNC_TIMEOUT_MS })
      .toBe('false');

    const province = '省人大常委会《优化营商环境条例》执法检查';
    await links.getByTestId('link-external-open').click();
    await links.getByTestId('link-external-title').fill(province);
    await links.getByTestId('link-external-source').fill('省人大常委会2021年度监督工作计划');
    await links.getByTestId('link-external-add').click();
    const provinceLink = links.locator(`[data-testid="link-item"][data-title="${province}"]`);
    await provinceLink.waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await provinceLink.getAttribute('data-primary')).toBe('false');
    await expect(provinceLink.textContent()).resolves.toContain('省级 2021');
    await provinceLink.getByTestId('link-primary').click();
    await expect
      .poll(() => provinceLink.getAttribute('data-primary'), { timeout: SYNC_TIMEOUT_MS })
      .toBe('true');
    expect(await cityLink.getAttribute('data-primary')).toBe('false');
    await links.scrollIntoViewIfNeeded();
    await screenshot(county, 'upstream-links-edited.png');

    await provinceLink.getByTestId('link-remove').click();
    await provinceLink.waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
    // The one link left is the primary one again.
    await expect.poll(() => cityLink.getAttribute('data-primary')).toBe('true');
    await closeTopic(county);
  });

  it('tells the editor of an approved plan to open an adjustment before adopting', async () => {
    // The demo's 示范区 plan is approved: its content changes only within an adjustment.
    const district = await openPlanAs(bed, 'county2.editor', 'county-2-2021');
    await district.getByTestId('upstream-toggle').click();
    // 示范区 already answered the business topic (its own 营商环境 research refers to it); not this one.
    await district.getByRole('button', { name: `采纳：${DECLINED}`, exact: true }).click();
    await district.getByText('本计划已审议通过，须先发起计划调整', { exact: false }).waitFor();
    expect(await card(district, DECLINED).count()).toBe(0);
    await district.context().close();
  });

  it('threw no errors in any page', () => {
    expect(bed.pageErrors).toEqual([]);
  });
});
