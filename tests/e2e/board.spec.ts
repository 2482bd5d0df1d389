import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTemporaryDatabase, type TemporaryDatabase } from '@yipan/db/testing';
import { createLogger, createServer, DEMO_PASSWORD, demoPlanId, type YipanServer } from '@yipan/server';

/**
 * The board in a real Chromium against the real server: two people (separate browser contexts, so
 * nothing syncs except through the server) co-edit the city's 2021 demo plan.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = join(root, 'apps', 'web');
const artifactsDir = join(root, 'tests', 'artifacts');
const PLAN_ID = demoPlanId('city');
/** A desktop office screen. */
const VIEWPORT = { width: 1440, height: 900 };
/** A person's pause between key presses; dnd-kit measures the columns after the pick-up key. */
const KEY_PAUSE_MS = 150;
/** antd's message toasts last 3 s. */
const TOAST_TIMEOUT_MS = 6_000;
/** Lets hover states and transitions settle before a screenshot. */
const SETTLE_MS = 300;
/** Longer than the board's delay before it prefetches the topic drawer's code. */
const DRAWER_PREFETCH_WAIT_MS = 2_000;
/** How long page B is watched for a change that must not reach it while A is offline. */
const OFFLINE_CHECK_MS = 1_000;
/** Well under the 15 s awareness renewal, so the test proves the reconnect itself republishes. */
const PRESENCE_RETURN_MS = 5_000;
/** How long a change may take to reach the other page. */
const SYNC_TIMEOUT_MS = 10_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A demo account (both may write the city's plan) and the presence name and colour its page shows. */
type Person = { username: string; name: string; color: string };
const ALICE: Person = { username: 'city.editor', name: '测试甲', color: '#1677ff' };
const BOB: Person = { username: 'city.admin', name: '测试乙', color: '#389e0d' };

let database: TemporaryDatabase;
let server: YipanServer;
let browser: Browser;
let pageA: Page;
let pageB: Page;
const pageErrors: string[] = [];

/** Opens the plan as a person in a browser context of their own. */
async function openPlan(person: Person): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  // Fail in seconds, not Playwright's default 30 s, when something a person would see is missing.
  context.setDefaultTimeout(SYNC_TIMEOUT_MS);
  // The web app has no sign-in page yet: sign in through the API; the context's pages share the cookie.
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { username: person.username, password: DEMO_PASSWORD },
    headers: { origin: server.url ?? '' },
  });
  expect(login.status()).toBe(200);
  await context.addInitScript((stored: Person) => {
    localStorage.setItem('yipan.user', JSON.stringify({ name: stored.name, color: stored.color }));
    localStorage.setItem('yipan.locale', 'zh-CN');
  }, person);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${person.name}: ${error.message}`));
  await page.goto(`${server.url}/plans/${PLAN_ID}`);
  await page
    .locator('[data-testid="connection-status"][data-status="synced"]')
    .waitFor({ timeout: SYNC_TIMEOUT_MS });
  return page;
}

/** Titles of the cards in a column, top to bottom. */
function columnTitles(page: Page, columnKey: string): Promise<string[]> {
  return page
    .locator(`[data-testid="column-${columnKey}"] [data-testid="topic-card"]`)
    .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.title ?? ''));
}

function card(page: Page, title: string) {
  return page.locator(`[data-testid="topic-card"][data-title="${title}"]`);
}

/** Drags with the mouse in small steps, as a person would (dnd-kit starts after a few pixels). */
async function mouseDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 4, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.move(to.x, to.y + 2, { steps: 2 });
  await page.mouse.up();
}

async function screenshotBoard(page: Page, file: string): Promise<void> {
  await page.mouse.move(0, 0);
  // Toasts ("已归档…") fade after a few seconds; the board is what the picture is of.
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: TOAST_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  await page.screenshot({ path: join(artifactsDir, file) });
}

describe('the board in Chromium', () => {
  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: webDir,
        // Vitest sets NODE_ENV=test, which would give a development build of React and antd.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'inherit',
      },
    );
    mkdirSync(artifactsDir, { recursive: true });
    database = await createTemporaryDatabase('sqlite');
    server = await createServer({
      db: database.config,
      port: 0,
      host: '127.0.0.1',
      webDistDir: join(webDir, 'dist'),
      demo: true,
      logger: createLogger({ level: 'error' }),
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    [pageA, pageB] = await Promise.all([openPlan(ALICE), openPlan(BOB)]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.dispose();
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

  it('lets a person rename themselves by clicking their own avatar', async () => {
    await pageB.getByTestId('presence-self').click();
    const input = pageB.getByRole('textbox', { name: '显示名称' });
    await input.fill('测试乙（人大办）');
    await input.press('Enter');
    await pageA
      .locator('[data-testid="presence-avatar"][data-name="测试乙（人大办）"]')
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await pageB.evaluate(() => localStorage.getItem('yipan.user'))).toContain('测试乙（人大办）');
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
    await pageA.getByTestId('new-topic').click();
    await pageA.getByTestId('save').click();
    await pageA.getByText('请填写议题名称').waitFor();
    await pageA.getByRole('button', { name: /^取\s?消$/ }).click();
    expect(await pageB.getByTestId('topic-card').count()).toBe(await pageA.getByTestId('topic-card').count());
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
    await card(pageA, title).locator('xpath=..').getByTestId('topic-menu').click();
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
    const page = await pageA.context().newPage();
    await page.goto(`${server.url}/plans/no-such-plan`);
    await page.getByText('无法打开此计划').waitFor();
    await page.locator('[data-testid="connection-status"][data-status="notFound"]').waitFor();
    await page.close();
  });

  it('saves screenshots of the board in Chinese and in English', async () => {
    await screenshotBoard(pageA, 'board.png');
    await pageB.getByText('English', { exact: true }).click();
    await pageB
      .getByRole('button', { name: /New topic/ })
      .first()
      .waitFor();
    await screenshotBoard(pageB, 'board-en.png');
    await pageB.getByText('By method', { exact: true }).click();
    await screenshotBoard(pageB, 'board-by-method-en.png');
    expect(pageErrors).toEqual([]);
  });
});
