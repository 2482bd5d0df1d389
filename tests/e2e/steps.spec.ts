import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoPlanId } from '@yipan/server';
import {
  card,
  screenshot,
  startBrowserTestBed,
  SYNC_TIMEOUT_MS,
  waitSynced,
  type BrowserTestBed,
  openPlanAs,
} from './support/browserTest';

/**
 * A law-enforcement inspection's steps in Chromium: the city editor generates the nine steps of 九步递进法
 * for the 安全生产法 inspection, marks the first done and skips the self-check with a reason; the card on
 * the board shows the progress, live on a colleague's screen too.
 */

const PLAN_ID = demoPlanId('city');
const TOPIC = '开展《中华人民共和国安全生产法》实施情况执法检查';
const FIRST_STEP = 'law_inspection.list_in_plan';
const SELF_CHECK = 'law_inspection.self_check';
const SKIP_REASON = '与各县区人大常委会联动检查，不再单独自查';
/** The city's next plan, still collecting proposals: its topics' fields, the session date among them, are editable. */
const SOLICITING_PLAN_ID = 'city-2022';
const TIMETABLE = 'special_report.report_timetable';
/** A session long past (a Friday): every dated step of an unfinished topic is late. */
const PAST_SESSION = '2021-06-25';
const FUTURE_SESSION = '2099-06-25';

let bed: BrowserTestBed;
let editor: Page;
let colleague: Page;

async function openPlan(username: string): Promise<Page> {
  return openPlanAs(bed, username, PLAN_ID);
}

function step(page: Page, id: string): Locator {
  return page.locator(`[data-testid="step-item"][data-step-id="${id}"]`);
}

/** The open dropdown of a select (antd keeps closed ones in the page, hidden). */
const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/** Picks a state in a step's state control, as a person does with the mouse. */
async function chooseState(page: Page, id: string, state: string): Promise<void> {
  await step(page, id).getByTestId('step-state').click();
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${state}"]`).click();
  // The list closes once a state is picked: wait for it, so the next pick finds only its own list.
  await page.locator(OPEN_DROPDOWN).waitFor({ state: 'detached' });
}

describe('method steps of a topic in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    [editor, colleague] = await Promise.all([openPlan('city.editor'), openPlan('city.admin')]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('generates the nine steps of a law-enforcement inspection from the template', async () => {
    await card(editor, TOPIC).click();
    const section = editor.getByTestId('steps-section');
    await section.getByText('九步递进法', { exact: false }).waitFor();
    expect(await card(editor, TOPIC).getByTestId('step-progress').count()).toBe(0);
    await editor.getByTestId('generate-steps').click();
    await step(editor, 'law_inspection.handling_report').waitFor();
    expect(await section.getByTestId('step-item').count()).toBe(9);
    expect(await step(editor, 'law_inspection.onsite_inspection').textContent()).toContain('实地检查');
    expect(await section.getByTestId('steps-summary').textContent()).toBe('已完成 0/9');
  });

  it('advances a step to done and skips one with a reason', async () => {
    await chooseState(editor, FIRST_STEP, '已完成');
    await step(editor, FIRST_STEP).and(editor.locator('[data-state="done"]')).waitFor();
    // Done records the day it was done.
    expect(await step(editor, FIRST_STEP).getByTestId('step-date').inputValue()).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );

    await chooseState(editor, SELF_CHECK, '已跳过');
    const modal = editor.locator('.ant-modal').last();
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    // Skipping without a reason is refused.
    await modal.getByText('跳过步骤须说明原因').waitFor();
    expect(await step(editor, SELF_CHECK).getAttribute('data-state')).toBe('not_started');
    await modal.getByTestId('skip-reason').fill(SKIP_REASON);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'detached' });
    await step(editor, SELF_CHECK).and(editor.locator('[data-state="skipped"]')).waitFor();
    expect(await step(editor, SELF_CHECK).getByTestId('step-skip-reason').textContent()).toContain(
      SKIP_REASON,
    );

    await step(editor, 'law_inspection.form_group').getByTestId('step-owner').fill('社会建设委 王五');
    await step(editor, 'law_inspection.form_group').getByTestId('step-notes').click();
    await editor.keyboard.type('检查组由12名常委会组成人员和代表组成');
    expect(await editor.getByTestId('steps-summary').textContent()).toBe('已完成 2/9');
    await screenshot(editor, 'steps-drawer.png');
  });

  it('shows the progress on the board card, on the colleague’s screen too', async () => {
    await editor.getByTestId('save').click();
    const badge = card(editor, TOPIC).getByTestId('step-progress');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('步骤 2/9');
    const seen = card(colleague, TOPIC).getByTestId('step-progress');
    await expect.poll(() => seen.textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('步骤 2/9');

    // The colleague opens the topic and sees the skip, its reason and the shared notes.
    await card(colleague, TOPIC).click();
    await step(colleague, SELF_CHECK)
      .getByTestId('step-skip-reason')
      .getByText(SKIP_REASON, { exact: false })
      .waitFor();
    await expect
      .poll(() => step(colleague, 'law_inspection.form_group').getByTestId('step-notes').inputValue(), {
        timeout: SYNC_TIMEOUT_MS,
      })
      .toBe('检查组由12名常委会组成人员和代表组成');
    await colleague.getByTestId('save').click();
    await card(editor, TOPIC).scrollIntoViewIfNeeded();
    await screenshot(editor, 'steps-card.png');
  });

  it('dates the steps from the session date, marks late ones, and moves them with the session', async () => {
    const title = '听取和审议市人民政府关于养老服务体系建设情况的报告';
    await editor.goto(`${bed.url}/plans/${SOLICITING_PLAN_ID}`);
    await waitSynced(editor);
    await editor.getByTestId('new-topic').click();
    await editor.getByTestId('topic-title-input').fill(title);
    await editor.getByTestId('topic-session-date').fill(PAST_SESSION);
    await editor.getByTestId('save').click();
    await card(editor, title).click();
    await editor.getByTestId('generate-steps').click();
    const timetable = step(editor, TIMETABLE);
    await timetable.waitFor();
    // The draft report reaches the committee 20 days before the session, the members 7 days before it.
    expect(await timetable.getByTestId('step-due').textContent()).toContain('截止 2021-06-18');
    expect(await timetable.getByTestId('step-due').textContent()).toContain('报告初稿送有关委室：2021-06-05');
    expect(await timetable.getByTestId('step-overdue').textContent()).toMatch(/^逾期\d+天$/);
    expect(await card(editor, title).getByTestId('step-progress').textContent()).toMatch(
      /^步骤 0\/7\d项逾期$/,
    );
    await timetable.scrollIntoViewIfNeeded();
    await screenshot(editor, 'steps-overdue.png');

    await editor.getByTestId('topic-session-date').fill(FUTURE_SESSION);
    await expect
      .poll(() => timetable.getByTestId('step-due').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toContain('截止 2099-06-18');
    expect(await editor.getByTestId('step-overdue').count()).toBe(0);
    expect(await card(editor, title).getByTestId('step-progress').textContent()).toBe('步骤 0/7');
  });

  it('lets the administrator rename, add, remove and reorder a template’s steps, and reset it', async () => {
    const admin = colleague;
    await admin.goto(`${bed.url}/admin/templates`);
    const tab = admin.getByTestId('admin-templates');
    await tab.getByTestId('template-step').first().waitFor();
    expect(await tab.getByTestId('template-kind').textContent()).toBe('默认模板');
    expect(await tab.getByTestId('template-step').count()).toBe(9);
    expect(await tab.getByTestId('template-name').inputValue()).toBe('九步递进法');

    await tab.getByTestId('template-step-title').first().fill('列入年度监督计划并报党委');
    await tab.getByRole('button', { name: '删除第 9 步' }).click();
    await tab.getByTestId('template-add-step').click();
    await tab.getByTestId('template-step-title').last().fill('公开检查结果');
    await tab.getByRole('button', { name: '上移第 9 步' }).click();
    await tab.getByTestId('template-save').click();
    await admin.getByText('模板已保存').waitFor();
    await expect
      .poll(() => tab.getByTestId('template-kind').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toBe('本单位模板');
    const titles = () =>
      tab
        .getByTestId('template-step-title')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect((await titles())[0]).toBe('列入年度监督计划并报党委');
    expect((await titles()).slice(-2)).toEqual(['公开检查结果', '审议（可结合专题询问）']);
    await screenshot(admin, 'steps-templates.png');

    await admin.reload();
    await expect
      .poll(() => tab.getByTestId('template-kind').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toBe('本单位模板');
    await tab.getByTestId('template-reset').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect
      .poll(() => tab.getByTestId('template-kind').textContent(), { timeout: SYNC_TIMEOUT_MS })
      .toBe('默认模板');
    expect((await titles())[0]).toBe('列入年度监督计划');
    expect(bed.pageErrors).toEqual([]);
  });
});
