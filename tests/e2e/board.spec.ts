import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPlanId } from '@yipan/server';
import { connectClient } from '../support/connectClient';
import { signIn } from '../support/signIn';
import {
  artifactsDir,
  card,
  columnTitles,
  demoDisplayName,
  mouseDrag,
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  SYNC_TIMEOUT_MS,
  waitSynced,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * The board in a real Chromium against the real server: two people (separate browser contexts, so
 * nothing syncs except through the server) sign in and co-edit the city's 2021 demo plan.
 */

const PLAN_ID = demoPlanId('city');
/** A person's pause between key presses; dnd-kit measures the columns after the pick-up key. */
const KEY_PAUSE_MS = 150;
/** Longer than the board's delay before it prefetches the topic drawer's code. */
const DRAWER_PREFETCH_WAIT_MS = 2_000;
/** How long page B is watched for a change that must not reach it while A is offline. */
const OFFLINE_CHECK_MS = 1_000;
/** Well under the 15 s awareness renewal, so the test proves the reconnect itself republishes. */
const PRESENCE_RETURN_MS = 5_000;

/** A demo account (both may write the city's plan) and the display name its presence shows. */
type Person = { username: string; name: string };
function person(username: string): Person {
  return { username, name: demoDisplayName(username) };
}
const ALICE = person('city.editor');
const BOB = person('city.admin');

let bed: BrowserTestBed;
let pageA: Page;
let pageB: Page;

/** Opens the plan as a person in a browser context of their own, signing in on the way. */
async function openPlan(who: Person): Promise<Page> {
  const context = await newContext(bed);
  const page = await newPage(bed, context, who.name);
  await signInThroughUi(page, bed.url, `/plans/${PLAN_ID}`, who.username);
  await waitSynced(page);
  return page;
}

describe('the board in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // Co-editing plan fields happens before approval; an executing plan changes only through an adjustment.
    await bed.server.db.plans.setStatus(PLAN_ID, 'collating');
    [pageA, pageB] = await Promise.all([openPlan(ALICE), openPlan(BOB)]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('shows each person the other one present on the plan', async () => {
    await pageA
      .locator(`[data-testid="presence-avatar"][data-name="${BOB.name}"]`)
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    await pageB
      .locator(`[data-testid="presence-avatar"][data-name="${ALICE.name}"]`)
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await pageA.getByTestId('presence-avatar').count()).toBe(1);
  });

  it('collapses everyone past the sixth into “+N”, which names them', async () => {
    // Seven more people on the plan, as y-websocket clients of city.admin's account, each with a name.
    const token = await (await signIn(bed.url, BOB.username)).syncToken();
    const syncUrl = `${bed.url.replace(/^http/, 'ws')}/yjs`;
    const visitors = Array.from({ length: 7 }, (_, index) => {
      const client = connectClient(syncUrl, PLAN_ID, { token });
      client.provider.awareness.setLocalState({
        user: { name: `来访者${index + 1}`, color: '#8c6d1f' },
        editingTopicId: null,
      });
      return client;
    });
    try {
      const more = pageA.getByTestId('presence-more');
      await more.waitFor({ timeout: SYNC_TIMEOUT_MS });
      // Bob and the seven: six shown, two in "+2".
      await expect.poll(() => more.textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('+2');
      const avatars = pageA.getByTestId('presence-avatar');
      expect(await avatars.count()).toBe(6);
      const shown = await avatars.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-name')));
      const moreLabel = (await more.getAttribute('aria-label')) ?? '';
      expect(moreLabel).toMatch(/^另有 2 人：/);
      const everyone = [BOB.name, ...visitors.map((_, index) => `来访者${index + 1}`)];
      for (const name of everyone) expect(shown.includes(name) || moreLabel.includes(name), name).toBe(true);
      await more.hover();
      await pageA.getByRole('tooltip').filter({ hasText: moreLabel }).waitFor();
      await screenshot(pageA, 'presence-more.png', { keepMouse: true });
    } finally {
      for (const visitor of visitors) visitor.close();
    }
    await expect.poll(() => pageA.getByTestId('presence-more').count(), { timeout: SYNC_TIMEOUT_MS }).toBe(0);
    expect(await pageA.getByTestId('presence-avatar').count()).toBe(1);
  });

  it('loads the first page’s code as one script and the rest on demand', async () => {
    const scripts = await pageA.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      // The bundle's chunks (zod-jitless.js beside them is a one-line setting, not the app's code).
      const loaded = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/assets/') && entry.name.endsWith('.js'));
      const beforeStart = loaded.filter((entry) => entry.startTime < navigation!.domContentLoadedEventStart);
      return { beforeStart: beforeStart.length, all: loaded.length, names: beforeStart.map((e) => e.name) };
    });
    // The app's chunk and the bundler's runtime; left to itself the bundler made about 60 (vite.config.ts).
    expect(scripts.beforeStart, scripts.names.join(' ')).toBeLessThanOrEqual(2);
    expect(scripts.all).toBeGreaterThan(scripts.beforeStart);
  });

  it('shows the signed-in person and their organisation in the header, not a guest name', async () => {
    expect(await pageA.getByTestId('user-name').textContent()).toBe(ALICE.name);
    await pageA.getByTestId('user-menu').getByText('示范市', { exact: true }).waitFor();
    expect(await pageA.getByTestId('presence-self').getAttribute('data-name')).toBe(ALICE.name);
    await pageA.getByTestId('user-menu').click();
    await pageA.getByRole('menuitem', { name: '示范市 · 编辑' }).waitFor();
    await pageA.getByRole('menuitem', { name: '退出登录' }).waitFor();
    await screenshot(pageA, 'user-menu.png', { keepMouse: true });
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('menuitem', { name: '退出登录' }).waitFor({ state: 'hidden' });
    // The plan may be written by both: nothing says read-only.
    expect(await pageA.getByTestId('read-only-banner').count()).toBe(0);
    expect(await pageA.getByTestId('new-topic').isEnabled()).toBe(true);
  });

  it('shows a topic created in page A in page B', async () => {
    const title = '听取和审议市人民政府关于城市更新工作情况的报告';
    await pageA.getByTestId('new-topic').click();
    await pageA.getByTestId('topic-title-input').fill(title);
    await pageA.getByTestId('save').click();
    await card(pageB, title).waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await columnTitles(pageB, 'unscheduled')).toEqual([title]);
  });

  it('rejects an empty title with a message and writes nothing', async () => {
    const before = await pageA.getByTestId('topic-card').count();
    await pageA.getByTestId('new-topic').click();
    await pageA.getByTestId('save').click();
    await pageA.getByText('请填写议题名称').waitFor();
    await pageA.getByRole('button', { name: /^取\s?消$/ }).click();
    // Comparing A with B alone would pass if both got the empty topic: count against the board before.
    expect(await pageA.getByTestId('topic-card').count()).toBe(before);
    expect(await pageB.getByTestId('topic-card').count()).toBe(before);
  });

  it('reorders a column in page B after a keyboard drag in page A', async () => {
    const before = await columnTitles(pageA, '6');
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, second, ...rest] = before as [string, string, ...string[]];
    await card(pageA, first).focus();
    for (const key of ['Space', 'ArrowDown', 'Space']) {
      await pageA.keyboard.press(key);
      await pageA.waitForTimeout(KEY_PAUSE_MS);
    }
    const expected = [second, first, ...rest];
    await expect.poll(() => columnTitles(pageA, '6')).toEqual(expected);
    await expect.poll(() => columnTitles(pageB, '6'), { timeout: SYNC_TIMEOUT_MS }).toEqual(expected);
  });

  it('moves a topic to another month in page B after a mouse drag in page A, and undoes it', async () => {
    const title = '听取和审议市人民政府关于城市更新工作情况的报告';
    const from = await card(pageA, title).boundingBox();
    const to = await pageA.locator('[data-testid="column-7"] .column-body').boundingBox();
    if (!from || !to) throw new Error('card or column not visible');
    await mouseDrag(
      pageA,
      { x: from.x + from.width / 2, y: from.y + from.height / 2 },
      { x: to.x + to.width / 2, y: to.y + 60 },
    );
    await expect.poll(() => columnTitles(pageB, '7'), { timeout: SYNC_TIMEOUT_MS }).toEqual([title]);
    expect(await columnTitles(pageB, 'unscheduled')).toEqual([]);

    // Undo is local: Ctrl+Z in A takes A's move back, for everyone.
    await pageA.keyboard.press('Control+z');
    await expect
      .poll(() => columnTitles(pageB, 'unscheduled'), { timeout: SYNC_TIMEOUT_MS })
      .toEqual([title]);
    await pageA.keyboard.press('Control+Shift+z');
    await expect.poll(() => columnTitles(pageB, '7'), { timeout: SYNC_TIMEOUT_MS }).toEqual([title]);
  });

  it('outlines a card someone else is editing and merges notes typed in both pages', async () => {
    const title = '听取和审议市人民政府关于城市更新工作情况的报告';
    await card(pageA, title).click();
    await pageB
      .locator('.topic-card-edited .topic-editor-badge', { hasText: ALICE.name })
      .waitFor({ timeout: SYNC_TIMEOUT_MS });

    await pageA.getByTestId('topic-notes').click();
    await pageA.keyboard.type('重点：老旧小区改造进度');
    await card(pageB, title).click();
    const notesB = pageB.getByTestId('topic-notes');
    await expect.poll(() => notesB.inputValue(), { timeout: SYNC_TIMEOUT_MS }).toBe('重点：老旧小区改造进度');
    await notesB.click();
    await pageB.keyboard.press('Control+Home');
    await pageB.keyboard.type('【常委会】');
    await pageA.keyboard.type('。');
    const merged = '【常委会】重点：老旧小区改造进度。';
    await expect
      .poll(() => pageA.getByTestId('topic-notes').inputValue(), { timeout: SYNC_TIMEOUT_MS })
      .toBe(merged);
    await expect.poll(() => notesB.inputValue(), { timeout: SYNC_TIMEOUT_MS }).toBe(merged);
    await pageA.screenshot({ path: join(artifactsDir, 'topic-drawer.png') });

    // Pinyin being composed in an IME stays local; only the chosen characters are shared.
    const ime = await pageA.context().newCDPSession(pageA);
    await ime.send('Input.imeSetComposition', { text: 'jin', selectionStart: 3, selectionEnd: 3 });
    await pageB.waitForTimeout(OFFLINE_CHECK_MS);
    expect(await notesB.inputValue()).toBe(merged);
    await ime.send('Input.insertText', { text: '进展' });
    await expect.poll(() => notesB.inputValue(), { timeout: SYNC_TIMEOUT_MS }).toBe(`${merged}进展`);
    expect(await pageA.getByTestId('topic-notes').inputValue()).toBe(`${merged}进展`);
    await ime.detach();

    await pageB.getByTestId('save').click();
    await pageA.getByTestId('save').click();
    await pageB.locator('.topic-card-edited').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
  });

  it('archives a topic from the card menu and restores it from the archive', async () => {
    const title = '听取和审议市人民政府关于城市更新工作情况的报告';
    const menu = card(pageA, title).locator('xpath=..').getByTestId('topic-menu');
    // The menu opens from the keyboard as well, and Escape closes it.
    await menu.focus();
    await pageA.keyboard.press('Enter');
    await pageA.getByRole('menuitem', { name: '归档' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('menuitem', { name: '归档' }).waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    await pageA.getByRole('menuitem', { name: '归档' }).click();
    await card(pageB, title).waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });

    await pageB.getByTestId('archived-toggle').click();
    await pageB.getByRole('button', { name: `恢复议题：${title}` }).click();
    await card(pageA, title).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await pageB.getByRole('button', { name: '关闭' }).click();
    await pageB.getByText('已归档的议题', { exact: true }).waitFor({ state: 'hidden' });
  });

  it('keeps a topic created offline and merges it when the connection is back', async () => {
    const title = '离线时新建的议题：农村公路养护';
    // The topic drawer's code is prefetched shortly after the board shows; let it arrive first.
    await pageA.waitForTimeout(DRAWER_PREFETCH_WAIT_MS);
    await pageA.context().setOffline(true);
    try {
      await pageA.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
      await pageA.getByTestId('new-topic').click();
      await pageA.getByTestId('topic-title-input').fill(title);
      await pageA.getByTestId('save').click();
      await card(pageA, title).waitFor();
      await pageB.waitForTimeout(OFFLINE_CHECK_MS);
      expect(await card(pageB, title).count()).toBe(0);
    } finally {
      await pageA.context().setOffline(false);
    }
    await pageA
      .locator('[data-testid="connection-status"][data-status="synced"]')
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    await card(pageB, title).waitFor({ timeout: SYNC_TIMEOUT_MS });
    // Presence comes back with the connection, both ways, not only at the next awareness renewal.
    await pageB
      .locator(`[data-testid="presence-avatar"][data-name="${ALICE.name}"]`)
      .waitFor({ timeout: PRESENCE_RETURN_MS });
    await pageA.locator('[data-testid="presence-avatar"]').first().waitFor({ timeout: PRESENCE_RETURN_MS });
  });

  it('says clearly when a plan does not exist, and stops trying', async () => {
    const page = await newPage(bed, pageA.context(), 'not found');
    await page.goto(`${bed.url}/plans/no-such-plan`);
    await page.getByText('无法打开此计划').waitFor();
    await page.locator('[data-testid="connection-status"][data-status="notFound"]').waitFor();
    await page.close();
  });

  it('saves screenshots of the board in Chinese and in English', async () => {
    await screenshot(pageA, 'board.png');
    await pageB.getByText('English', { exact: true }).click();
    await pageB
      .getByRole('button', { name: /New topic/ })
      .first()
      .waitFor();
    await screenshot(pageB, 'board-en.png');
    // Columns by method, through the view toolbar's "Columns" select.
    await pageB.getByLabel('Columns', { exact: true }).selectOption({ label: 'Method' });
    await pageB.locator('[data-testid="column-special_report"]').waitFor();
    await screenshot(pageB, 'board-by-method-en.png');
    expect(bed.pageErrors).toEqual([]);
  });
});
