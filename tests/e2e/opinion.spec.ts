import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chinaDateOf } from '@yipan/domain';
import { demoPlanId } from '@yipan/server';
import {
  animationsSettled,
  card,
  screenshot,
  startBrowserTestBed,
  SYNC_TIMEOUT_MS,
  type BrowserTestBed,
  openPlanAs,
} from './support/browserTest';

/**
 * A deliberation opinion followed up in Chromium: the city editor writes the opinion of the 执行难 topic,
 * adds its items and takes them through issuing, handling, reporting, a failed and a passed satisfaction vote,
 * a look-back and an on-site closing; the city administrator watches the same drawer change live; the
 * follow-up board then shows each item in its bucket.
 */

const PLAN_ID = demoPlanId('city');
const TOPIC = '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问';
const OPINION = '一、加大执行力度。二、规范执行案款管理。';
const FIRST = '加大失信被执行人联合惩戒力度';
const SECOND = '规范执行案款管理，案款及时发放';
const THIRD = '建立执行指挥中心协调机制';
const FOURTH = '公开终本案件清理结果';
const COURT = '市中级人民法院';
/** A deadline long past: the item is overdue wherever the body still owes its report. */
const PAST_DEADLINE = '2021-09-30';
const EVIDENCE = '现场查看案款发放台账，抽查案卷20件';
const CLOSED_BY = '常委会执法检查组';

let bed: BrowserTestBed;
let editor: Page;
let watcher: Page;

async function openTopic(username: string): Promise<Page> {
  const page = await openPlanAs(bed, username, PLAN_ID);
  await card(page, TOPIC).click();
  await page.getByTestId('opinion-section').waitFor();
  return page;
}

function item(page: Page, content: string): Locator {
  return page.locator(`[data-testid="rectification-item"][data-content="${content}"]`);
}

/** The open dialog (a modal, not the drawer). */
function dialog(page: Page): Locator {
  return page.locator('.ant-modal').last();
}

/** Presses the dialog's OK button (once it has finished opening) and waits for it to go, as it does once the write was accepted. */
async function confirm(page: Page): Promise<void> {
  const modal = dialog(page);
  await animationsSettled(modal);
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await modal.waitFor({ state: 'detached' }).catch(async (error: unknown) => {
    // Say what the page said (a refused write shows a message), not only that the dialog stayed.
    const said = await page.locator('.ant-message').allTextContents();
    throw new Error(`the dialog stayed open; the page said: ${said.join(' / ') || 'nothing'}`, {
      cause: error,
    });
  });
}

async function addItem(page: Page, content: string, deadline?: string): Promise<void> {
  await page.getByTestId('add-item').click();
  await page.getByTestId('item-content').fill(content);
  await page.getByTestId('item-body').fill(COURT);
  if (deadline) await page.getByTestId('item-deadline').fill(deadline);
  await confirm(page);
  await item(page, content).waitFor();
}

/** Moves an item through states with the buttons the card offers, confirming each dialog without details. */
async function move(page: Page, content: string, states: string[]): Promise<void> {
  for (const to of states) {
    await item(page, content).getByTestId(`move-${to}`).click();
    await confirm(page);
    await item(page, content)
      .and(page.locator(`[data-state="${to}"]`))
      .waitFor();
  }
}

async function rate(page: Page, content: string, votes: [number, number, number]): Promise<string> {
  await item(page, content).getByTestId('move-rated').click();
  const modal = dialog(page);
  await modal.getByTestId('rating-satisfied').fill(String(votes[0]));
  await modal.getByTestId('rating-basicallySatisfied').fill(String(votes[1]));
  await modal.getByTestId('rating-unsatisfied').fill(String(votes[2]));
  // The form re-renders after each input; on a busy machine the last one may not have landed yet.
  const preview = modal.getByTestId('rating-preview');
  await preview.filter({ hasText: `不满意 ${votes[2]}` }).waitFor();
  const text = (await preview.textContent()) ?? '';
  await confirm(page);
  await item(page, content).and(page.locator('[data-state="rated"]')).waitFor();
  return text;
}

async function stateOf(page: Page, content: string): Promise<string | null> {
  return item(page, content).getAttribute('data-state');
}

async function bucket(page: Page, key: string): Promise<string[]> {
  return page
    .locator(`[data-testid="follow-up-${key}"] [data-testid="follow-up-item"]`)
    .evaluateAll((items) => items.map((entry) => (entry as HTMLElement).dataset.content ?? ''));
}

describe('deliberation opinions and their follow-up in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    [editor, watcher] = await Promise.all([openTopic('city.editor'), openTopic('city.admin')]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('writes the opinion and its items, and the other person sees them appear', async () => {
    await editor.getByTestId('opinion-text').click();
    await editor.keyboard.type(OPINION);
    await addItem(editor, FIRST);
    await addItem(editor, SECOND, PAST_DEADLINE);
    await expect
      .poll(() => watcher.getByTestId('opinion-text').inputValue(), { timeout: SYNC_TIMEOUT_MS })
      .toBe(OPINION);
    await item(watcher, SECOND).waitFor();
    expect(await item(watcher, SECOND).getByTestId('item-deadline-text').textContent()).toBe(PAST_DEADLINE);
    expect(await item(watcher, FIRST).getByTestId('item-state').textContent()).toBe('起草');
  });

  it('issues and handles both items; the late one is marked overdue', async () => {
    for (const content of [FIRST, SECOND])
      await move(editor, content, ['chairs_approved', 'issued', 'handling']);
    await item(editor, SECOND).getByTestId('item-overdue').waitFor();
    expect(await item(editor, FIRST).getByTestId('item-overdue').count()).toBe(0);
    await item(watcher, SECOND).getByTestId('item-overdue').waitFor();
    for (const content of [FIRST, SECOND]) await move(editor, content, ['reported']);
    // Reported: the body no longer owes anything, so it is no longer late.
    expect(await item(editor, SECOND).getByTestId('item-overdue').count()).toBe(0);
  });

  it('sends an item rated unsatisfactory back for handling, and lets a satisfactory one be tracked', async () => {
    expect(await rate(editor, FIRST, [10, 10, 30])).toContain('满意率 40%');
    expect(await item(editor, FIRST).getByTestId('item-rating').getAttribute('data-passes')).toBe('false');
    // Under 60 %: the only way on is to handle it again.
    expect(await item(editor, FIRST).locator('[data-testid^="move-"]').count()).toBe(1);
    await item(editor, FIRST).getByTestId('move-reopened').click();
    await dialog(editor).getByTestId('transition-note').fill('满意率不足60%，限期重新办理');
    await confirm(editor);
    await expect.poll(() => stateOf(watcher, FIRST), { timeout: SYNC_TIMEOUT_MS }).toBe('reopened');

    expect(await rate(editor, SECOND, [30, 10, 5])).toContain('满意率 88.8%');
    expect(await item(editor, SECOND).locator('[data-testid^="move-"]').count()).toBe(1);
    await move(editor, SECOND, ['tracking']);
    await item(editor, SECOND).getByTestId('add-look-back').click();
    await dialog(editor).getByTestId('look-back-by').fill('代表小组');
    await dialog(editor).getByTestId('look-back-note').fill('案款已按期发放');
    await confirm(editor);
    await item(editor, SECOND)
      .getByTestId('item-look-backs')
      .getByText('案款已按期发放', { exact: false })
      .waitFor();
  });

  it('closes an item on site with who closed it and the evidence, seen live by the other person', async () => {
    await item(editor, SECOND).getByTestId('move-closed').click();
    const modal = dialog(editor);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    // Closing on site needs its evidence.
    await modal.getByText('请填写现场核实的佐证材料').waitFor();
    await modal.getByTestId('closing-by').fill(CLOSED_BY);
    await modal.getByTestId('closing-evidence').fill(EVIDENCE);
    await confirm(editor);
    await expect.poll(() => stateOf(watcher, SECOND), { timeout: SYNC_TIMEOUT_MS }).toBe('closed');
    const closing = item(watcher, SECOND).getByTestId('item-closing');
    await closing.getByText(EVIDENCE).waitFor();
    await closing.getByText(CLOSED_BY).waitFor();
    expect(await item(watcher, FIRST).getByTestId('item-state').textContent()).toBe('重新办理');
    expect(await item(watcher, FIRST).getByTestId('item-rating').textContent()).toContain('不满意 30');

    // The timeline keeps the failed vote and the reason it was reopened.
    await item(watcher, FIRST).locator('.item-history summary').click();
    await item(watcher, FIRST).getByText('满意率不足60%，限期重新办理').waitFor();
    await item(editor, SECOND).locator('.item-history summary').click();
    await screenshot(editor, 'opinion-drawer.png');
    await screenshot(watcher, 'opinion-live.png');
  });

  it('shows a viewer the follow-up without letting them change it', async () => {
    const viewer = await openTopic('city.viewer');
    await item(viewer, SECOND).getByTestId('item-closing').getByText(EVIDENCE).waitFor();
    expect(await viewer.getByTestId('add-item').isDisabled()).toBe(true);
    expect(await item(viewer, FIRST).getByTestId('move-handling').isDisabled()).toBe(true);
    expect(await item(viewer, FIRST).getByTestId('item-edit').count()).toBe(0);
    expect(await viewer.getByTestId('opinion-text').getAttribute('readonly')).not.toBeNull();
    await viewer.context().close();
  });

  it('shows the organisation’s items in the follow-up board’s buckets', async () => {
    // The reopened item is handled and reported again: it awaits a new vote.
    await move(editor, FIRST, ['handling', 'reported']);
    await addItem(editor, THIRD, PAST_DEADLINE);
    await move(editor, THIRD, ['chairs_approved', 'issued']);
    await item(editor, THIRD).getByTestId('item-overdue').waitFor();
    await addItem(editor, FOURTH, chinaDateOf(Date.now()));

    await editor.getByTestId('save').click();
    await editor.getByTestId('follow-up-link').click();
    await editor.waitForURL((url) => url.pathname === '/orgs/city/follow-up');
    const expected = { overdue: [THIRD], dueThisMonth: [FOURTH], awaitingRating: [FIRST], closed: [SECOND] };
    await expect
      .poll(
        async () => {
          await editor.getByRole('button', { name: /刷\s?新/ }).click();
          await editor.getByTestId('follow-up-closed').waitFor();
          return {
            overdue: await bucket(editor, 'overdue'),
            dueThisMonth: await bucket(editor, 'dueThisMonth'),
            awaitingRating: await bucket(editor, 'awaitingRating'),
            closed: await bucket(editor, 'closed'),
          };
        },
        { timeout: SYNC_TIMEOUT_MS },
      )
      .toEqual(expected);
    const closed = editor.locator('[data-testid="follow-up-closed"] [data-testid="follow-up-item"]');
    expect(await closed.getByTestId('follow-up-state').textContent()).toBe('已销号');
    expect(await closed.getByTestId('follow-up-topic').textContent()).toBe(TOPIC);
    await screenshot(editor, 'followup-board.png');

    expect(await bucket(editor, 'awaitingRating')).toEqual([FIRST]);
    // The reopened item's old vote is shown as the previous one, not as its result.
    const awaiting = editor.locator(
      '[data-testid="follow-up-awaitingRating"] [data-testid="follow-up-item"]',
    );
    expect(await awaiting.textContent()).toContain('上次测评');

    // The topic link opens the plan's board with the topic's drawer and its opinion.
    await closed.getByTestId('follow-up-topic').click();
    await editor.waitForURL((url) => url.pathname === `/plans/${PLAN_ID}`);
    await item(editor, SECOND).getByTestId('item-closing').getByText(EVIDENCE).waitFor();
    expect(await stateOf(editor, FIRST)).toBe('reported');

    // The same board in English, for the other person.
    await watcher.getByTestId('save').click();
    await watcher.getByTestId('opinion-section').waitFor({ state: 'detached' });
    await watcher.getByTestId('follow-up-link').click();
    await watcher.getByText('English', { exact: true }).click();
    await expect
      .poll(() => watcher.locator('#follow-up-overdue').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toMatch(/^Overdue/);
    await watcher.getByTestId('follow-up-closed').getByText(SECOND).waitFor();
    await screenshot(watcher, 'followup-board-en.png');
    expect(bed.pageErrors).toEqual([]);
  });
});
