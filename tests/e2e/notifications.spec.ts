import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  AlignmentResponse,
  NotificationsQuery,
  NotificationsResponse,
  ReminderResponse,
} from '@yipan/protocol';
import { demoPlanId } from '@yipan/server';
import { signIn, type SignedIn } from '../support/signIn';
import {
  openPlanAs,
  screenshot,
  SETTLE_MS,
  SYNC_TIMEOUT_MS,
  type BrowserTestBed,
  startBrowserTestBed,
} from './support/browserTest';

/**
 * Notifications in Chromium: the city office marks a topic joint and reminds the county that has not
 * answered; the county editor, reading the city's plan, gets a toast within seconds and a higher count on the
 * bell, finds the reminder worded in Chinese in the inbox, opens it (read, badge down, on the county's own
 * plan). A city viewer, another user, hears nothing of it.
 */

const CITY_PLAN = demoPlanId('city');
const COUNTY_PLAN = demoPlanId('county-1');
/** A city topic no county has linked in the demo: marking it joint leaves 示范县 one topic to answer. */
const JOINT_TOPIC = 'city-2021-environment';
const COUNTY = 'county-1';
/** The reminder as the county reads it, by how many joint topics it has left to answer. */
const reminderText = (pending: number) =>
  `示范市提醒：《示范市人大常委会2021年度监督工作计划》还有 ${pending} 个联动议题待您答复`;
/** "Within a few seconds" of the reminder being sent. */
const TOAST_WITHIN_MS = 5_000;

let bed: BrowserTestBed;
let county: Page;
let viewer: Page;
let cityEditor: SignedIn;

/** The unread count the bell shows. */
async function bellCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
}

/** The caller's inbox as the server has it. */
async function inboxOf(username: string): Promise<NotificationsResponse> {
  const client = await signIn(bed.url, username);
  const response = await client.fetch('/api/notifications');
  expect(response.status).toBe(200);
  return NotificationsResponse.parse(await response.json());
}

/** How many of the city's joint topics 示范县 has left to answer, by the city's matrix. */
async function pendingOfCounty(): Promise<number> {
  const response = await cityEditor.fetch(`/api/plans/${CITY_PLAN}/alignment`);
  expect(response.status).toBe(200);
  const { matrix } = AlignmentResponse.parse(await response.json());
  return matrix.columns.find((column) => column.orgId === COUNTY)?.coverage.notAnswered ?? 0;
}

/** Sends the city's reminder to 示范县 and resolves the organisations reminded. */
async function remind(): Promise<string[]> {
  const response = await cityEditor.fetch(`/api/plans/${CITY_PLAN}/reminders`, {
    method: 'POST',
    body: JSON.stringify({ orgIds: [COUNTY] }),
  });
  expect(response.status).toBe(200);
  return ReminderResponse.parse(await response.json()).orgIds;
}

describe('notifications in Chromium', () => {
  let countyBefore = 0;
  let viewerBefore = 0;
  let pending = 0;

  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // The demo city plan is executing (frozen); marking a topic joint is plan work of the collating stage.
    await bed.server.db.plans.setStatus(CITY_PLAN, 'collating');
    cityEditor = await signIn(bed.url, 'city.editor');
    countyBefore = (await inboxOf('county.editor')).unread;
    viewerBefore = (await inboxOf('city.viewer')).unread;
    // The county office is reading the city's plan; a city viewer has it open too.
    county = await openPlanAs(bed, 'county.editor', CITY_PLAN);
    viewer = await openPlanAs(bed, 'city.viewer', CITY_PLAN);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('shows the bell with the unread count read from the server', async () => {
    await expect.poll(() => bellCount(county)).toBe(countyBefore);
    await expect.poll(() => bellCount(viewer)).toBe(viewerBefore);
  });

  it('toasts the city’s reminder on the county page within seconds and counts it on the bell', async () => {
    const joint = await cityEditor.fetch(`/api/plans/${CITY_PLAN}/topics/${JOINT_TOPIC}/joint`, {
      method: 'PUT',
      body: JSON.stringify({
        joint: true,
        expectations: { 'county-1': { level: 'required', neededBy: null } },
      }),
    });
    expect(joint.status).toBe(200);
    pending = await pendingOfCounty();
    expect(pending).toBeGreaterThanOrEqual(1);
    expect(await remind()).toEqual([COUNTY]);

    const toast = county.getByTestId('notification-toast');
    await toast.waitFor({ timeout: TOAST_WITHIN_MS });
    await expect(toast.textContent()).resolves.toContain(reminderText(pending));
    await expect(toast.textContent()).resolves.toContain('答复提醒');
    await expect.poll(() => bellCount(county)).toBe(countyBefore + 1);
    await county
      .getByRole('button', { name: `通知（${countyBefore + 1} 条未读）` })
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    // One toast for one notification.
    expect(await toast.count()).toBe(1);
    await screenshot(county, 'notifications-toast.png');
  });

  it('tells a city viewer, another user, nothing of the county’s reminder', async () => {
    await viewer.waitForTimeout(SETTLE_MS);
    expect(await viewer.getByTestId('notification-toast').count()).toBe(0);
    expect(await bellCount(viewer)).toBe(viewerBefore);
    const inbox = await inboxOf('city.viewer');
    expect(inbox.unread).toBe(viewerBefore);
    expect(inbox.notifications.some((notification) => notification.kind === 'reminder')).toBe(false);
  });

  it('lists the reminder in Chinese in the inbox; opening it marks it read and goes to the county’s plan', async () => {
    // Out of the way of the drawer, as a person would close it.
    await county.getByTestId('notification-toast').locator('.ant-notification-notice-close').click();
    await county.getByTestId('notification-toast').waitFor({ state: 'detached' });
    await county.getByTestId('notification-bell').click();
    const inbox = county.getByTestId('notification-inbox');
    await inbox.waitFor();
    const item = inbox.getByTestId('notification-item').first();
    await expect.poll(() => item.textContent()).toContain(reminderText(pending));
    expect(await item.getAttribute('data-read')).toBe('false');
    await expect(item.textContent()).resolves.toContain('未读');
    await expect(item.textContent()).resolves.toContain('刚刚');
    // A list a screen reader can count, its item a button.
    expect(await inbox.getByRole('list', { name: '通知' }).count()).toBe(1);
    await screenshot(county, 'notifications-inbox.png', { keepMouse: true });

    await item.getByRole('button').click();
    await county.waitForURL((url) => url.pathname === `/plans/${COUNTY_PLAN}`);
    await expect.poll(() => bellCount(county)).toBe(countyBefore);
    await inbox.waitFor({ state: 'hidden' });
    expect((await inboxOf('county.editor')).unread).toBe(countyBefore);

    // Opened again, the reminder is listed as read.
    await county.getByTestId('notification-bell').click();
    await expect
      .poll(() => inbox.getByTestId('notification-item').first().getAttribute('data-read'))
      .toBe('true');
    await screenshot(county, 'notifications-inbox-read.png', { keepMouse: true });
    await county.keyboard.press('Escape');
    await inbox.waitFor({ state: 'hidden' });
  });

  it('opens a reminder from the toast’s 查看 and marks it read', async () => {
    // Back to the city's plan inside the app (a reload would drop the live connection for a moment).
    await county.goBack();
    await county.waitForURL((url) => url.pathname === `/plans/${CITY_PLAN}`);
    await expect.poll(() => bellCount(county)).toBe(countyBefore);
    expect(await remind()).toEqual([COUNTY]);
    const toast = county.getByTestId('notification-toast');
    await toast.waitFor({ timeout: TOAST_WITHIN_MS });
    await expect.poll(() => bellCount(county)).toBe(countyBefore + 1);
    await toast.getByTestId('notification-toast-view').click();
    await county.waitForURL((url) => url.pathname === `/plans/${COUNTY_PLAN}`);
    await toast.waitFor({ state: 'detached' });
    await expect.poll(() => bellCount(county)).toBe(countyBefore);
    expect((await inboxOf('county.editor')).unread).toBe(countyBefore);
  });

  it('pages older notifications with 加载更多 and marks them all read at once', async () => {
    // A busy year's worth of reminders, stored as the Notifier stores them (older: no toast for these).
    const userId = (await signIn(bed.url, 'county.editor')).me.user.id;
    const createdAt = new Date(Date.now() - 3 * 24 * 3_600_000);
    await bed.server.db.notifications.add(
      Array.from({ length: NotificationsQuery.parse({}).limit }, () => ({
        userId,
        kind: 'reminder',
        detail: { orgName: '示范市', planTitle: '示范市人大常委会2021年度监督工作计划', pending: 2 },
        planId: COUNTY_PLAN,
        dedupeKey: null,
        createdAt,
      })),
    );
    const stored = await inboxOf('county.editor');
    await county.reload();
    await expect.poll(() => bellCount(county)).toBe(stored.unread);
    await county.getByTestId('notification-bell').click();
    const inbox = county.getByTestId('notification-inbox');
    const items = inbox.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(stored.notifications.length);
    expect(await items.first().textContent()).toContain('3天前');
    await inbox.getByTestId('notification-more').click();
    // The two live reminders of the tests above come after the page break.
    await expect.poll(() => items.count()).toBe(stored.notifications.length + 2);
    await expect(items.last().textContent()).resolves.toContain(reminderText(pending));
    expect(await inbox.getByTestId('notification-more').count()).toBe(0);

    await inbox.getByTestId('notification-mark-all').click();
    await expect.poll(() => bellCount(county)).toBe(0);
    await expect
      .poll(() =>
        items.evaluateAll(
          (nodes) => nodes.filter((node) => node.getAttribute('data-read') !== 'true').length,
        ),
      )
      .toBe(0);
    expect((await inboxOf('county.editor')).unread).toBe(0);
  });

  it('threw no errors in any page', () => {
    expect(bed.pageErrors).toEqual([]);
  });
});
