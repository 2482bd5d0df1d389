import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createTemporaryDatabase, type TemporaryDatabase } from '@yipan/db/testing';
import {
  createLogger,
  createServer,
  DEMO_PASSWORD,
  DEMO_USERS,
  type ServerConfig,
  type YipanServer,
} from '@yipan/server';

/**
 * What the browser suites share: the real server on a temporary SQLite database with the demo data,
 * serving the production build of the web app, Chromium, and signing in the way a person does.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const webDir = join(root, 'apps', 'web');
export const artifactsDir = join(root, 'tests', 'artifacts');
/** A desktop office screen. */
export const VIEWPORT = { width: 1440, height: 900 };
/** How long a change may take to reach another page; also the default wait for anything a person would see. */
export const SYNC_TIMEOUT_MS = 10_000;
/** antd's message toasts last 3 s. */
export const TOAST_TIMEOUT_MS = 6_000;
/** Lets hover states and transitions settle before a screenshot. */
export const SETTLE_MS = 300;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running server with the demo data, its database and Chromium. */
export type BrowserTestBed = {
  server: YipanServer;
  url: string;
  browser: Browser;
  /** Errors thrown in any page, for a final "no page errors" check. */
  pageErrors: string[];
  close(): Promise<void>;
};

/**
 * Starts the server on a fresh SQLite database, serving the web app the suite's global setup built
 * (`globalSetup.ts`), and launches Chromium.
 */
export async function startBrowserTestBed(
  options: Pick<ServerConfig, 'loginLimits' | 'limits'> = {},
): Promise<BrowserTestBed> {
  mkdirSync(artifactsDir, { recursive: true });
  const database: TemporaryDatabase = await createTemporaryDatabase('sqlite');
  const server = await createServer({
    db: database.config,
    port: 0,
    host: '127.0.0.1',
    webDistDir: join(webDir, 'dist'),
    demo: true,
    logger: createLogger({ level: 'error' }),
    ...options,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    server,
    url: server.url ?? '',
    browser,
    pageErrors: [],
    close: async () => {
      await browser.close();
      await server.close();
      await database.dispose();
    },
  };
}

/** A fresh browser profile (its own cookies) with the interface language chosen. */
export async function newContext(
  bed: BrowserTestBed,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): Promise<BrowserContext> {
  // Reduced motion: dialogs open at once (the app honours the preference), so no click lands mid-animation.
  const context = await bed.browser.newContext({ viewport: VIEWPORT, locale, reducedMotion: 'reduce' });
  // Fail in seconds, not Playwright's default 30 s, when something a person would see is missing.
  context.setDefaultTimeout(SYNC_TIMEOUT_MS);
  await context.addInitScript((stored: string) => {
    if (localStorage.getItem('yipan.locale') === null) localStorage.setItem('yipan.locale', stored);
  }, locale);
  return context;
}

/** A new page that records its errors in the test bed. */
export async function newPage(bed: BrowserTestBed, context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => bed.pageErrors.push(`${name}: ${error.message}`));
  return page;
}

/** The display name of a demo account, as the header and presence show it. */
export function demoDisplayName(username: string): string {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.displayName;
}

/** Types the credentials into the sign-in page shown and presses Enter, as a person does. */
export async function fillSignIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const usernameField = page.getByTestId('login-username');
  await usernameField.waitFor();
  await usernameField.fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
}

/** Opens `path` signed out, is sent to sign-in, signs in and waits to be back at `path`. */
export async function signInThroughUi(
  page: Page,
  url: string,
  path: string,
  username: string,
): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.waitForURL((target) => target.pathname === '/login');
  await fillSignIn(page, username);
  await page.waitForURL((target) => `${target.pathname}${target.search}` === path);
}

/** A fresh browser context for `username`, signed in through the UI at a plan's board and synced. */
export async function openPlanAs(bed: BrowserTestBed, username: string, planId: string): Promise<Page> {
  const page = await newPage(bed, await newContext(bed), username);
  await signInThroughUi(page, bed.url, `/plans/${planId}`, username);
  await waitSynced(page);
  return page;
}

/** Waits for the open plan's document to be in sync with the server. */
export async function waitSynced(page: Page): Promise<void> {
  await page
    .locator('[data-testid="connection-status"][data-status="synced"]')
    .waitFor({ timeout: SYNC_TIMEOUT_MS });
}

/**
 * Waits until an element and its descendants have no running CSS animation (a dialog's zoom-in). A click
 * aimed while a dialog still scales up can land beside its button on a busy machine and be lost.
 */
export async function animationsSettled(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(
      (element) => element !== null && element.getAnimations({ subtree: true }).length === 0,
      await locator.elementHandle(),
      { timeout: SYNC_TIMEOUT_MS },
    );
}

/** Titles of the cards in a column, top to bottom. */
export function columnTitles(page: Page, columnKey: string): Promise<string[]> {
  return page
    .locator(`[data-testid="column-${columnKey}"] [data-testid="topic-card"]`)
    .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.title ?? ''));
}

/** Titles of every card on the board, column by column. */
export function boardTitles(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="topic-card"]')
    .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.title ?? ''));
}

/** The card of a topic by its title. */
export function card(page: Page, title: string) {
  return page.locator(`[data-testid="topic-card"][data-title="${title}"]`);
}

/** Drags with the mouse in small steps, as a person would (dnd-kit starts after a few pixels). */
export async function mouseDrag(
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

/** Waits for toasts to go, moves the mouse away and saves a screenshot of the page. */
export async function screenshot(page: Page, file: string, { keepMouse = false } = {}): Promise<void> {
  if (!keepMouse) await page.mouse.move(0, 0);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: TOAST_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  await page.screenshot({ path: join(artifactsDir, file) });
}
