import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AdjustmentResponse } from '@yipan/protocol';
import { demoPlanId } from '@yipan/server';
import { signIn } from '../support/signIn';
import {
  artifactsDir,
  card,
  columnTitles,
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  waitSynced,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * The plan lifecycle as the city office meets it in Chromium: the administrator takes the city plan
 * from Party review to approval, the approved version appears, an editor finds the plan's fields locked,
 * the administrator opens an adjustment with its reason, changes a topic's month and title, finishes the
 * adjustment, and the difference view shows that topic field by field, before → after.
 */

const CITY_PLAN = demoPlanId('city');
const PLAN_PATH = `/plans/${CITY_PLAN}`;
/** The demo topic the adjustment changes (scheduled in August). */
const TOPIC = '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评';
const ADJUSTED_TITLE = '听取和审议市人民政府关于优化营商环境工作情况的报告';
const APPROVAL_NOTE = '经第十一次主任会议审议通过';
const REASON = '根据省人大常委会联动安排，营商环境议题推迟至九月，满意度测评另行安排';
const MEETING = '第十二次主任会议';
const LATE_REASON = '十月份安排再议';
const SAVED_VERSION = '第一次调整后稿';
const RESTORE_REASON = '经第十三次主任会议决定，恢复审议通过时的安排';

let bed: BrowserTestBed;
let admin: Page;
let editor: Page;

/** Opens the antd select labelled `label` in the topic drawer and clicks the option, as a person does. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

describe('plan lifecycle, adjustment and differences in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    // The demo city plan is executing; the walk starts where approval is next: after Party review.
    await bed.server.db.plans.setStatus(CITY_PLAN, 'party_review');
    admin = await newPage(bed, await newContext(bed), 'city.admin');
    editor = await newPage(bed, await newContext(bed), 'city.editor');
    await signInThroughUi(admin, bed.url, PLAN_PATH, 'city.admin');
    await signInThroughUi(editor, bed.url, PLAN_PATH, 'city.editor');
    await waitSynced(admin);
    await waitSynced(editor);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('shows the status along the path, and the administrator approves the plan with a note', async () => {
    const bar = admin.getByTestId('lifecycle-bar');
    await bar.getByTestId('lifecycle-status').getByText('报党委审定', { exact: true }).waitFor();
    // An editor has no workflow permission: no move is offered.
    await editor.getByTestId('lifecycle-status').getByText('报党委审定', { exact: true }).waitFor();
    expect(await editor.getByTestId('transition-approved').count()).toBe(0);

    await admin.getByTestId('transition-approved').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('主任会议', { exact: true }).waitFor();
    await dialog.getByLabel(/说明/).fill(APPROVAL_NOTE);
    await screenshot(admin, 'lifecycle-approve-dialog.png', { keepMouse: true });
    await dialog.getByRole('button', { name: /^确\s?认$/ }).click();

    await bar.getByTestId('lifecycle-status').getByText('审议通过', { exact: true }).waitFor();
    await admin
      .getByTestId('frozen-banner')
      .getByText('计划已审议通过，修改计划内容须按计划调整办理')
      .waitFor();
    // The editor's board hears of it over socket.io, without a reload.
    await editor.getByTestId('frozen-banner').waitFor();

    await admin.getByTestId('transition-log-button').click();
    const record = admin.getByTestId('transition-record').last();
    await record.getByText('报党委审定 → 审议通过').waitFor();
    await record.getByText(APPROVAL_NOTE).waitFor();
    await record.getByText(/市人大办公室 王敏/).waitFor();
    await admin.getByTestId('transition-log-button').click();
  });

  it('lists the approved version in the versions drawer', async () => {
    await admin.getByTestId('versions-button').click();
    const approved = admin.locator('[data-testid="version-item"]', { hasText: '审议通过稿' });
    await approved.first().waitFor();
    await screenshot(admin, 'lifecycle-approved-version.png');
    await admin.getByTestId('versions-drawer').getByRole('button', { name: '关闭' }).click();
    await admin.getByTestId('versions-drawer').waitFor({ state: 'hidden' });
  });

  it("locks an editor's plan fields without an adjustment, but not the notes", async () => {
    await card(editor, TOPIC).click();
    await editor.getByTestId('plan-lock-notice').waitFor();
    expect(await editor.getByTestId('topic-title-input').isDisabled()).toBe(true);
    expect(await editor.getByLabel('安排月份', { exact: true }).isDisabled()).toBe(true);
    expect(await editor.locator('.drawer-archive').isDisabled()).toBe(true);
    expect(await editor.getByLabel('重点内容与备注', { exact: true }).isEditable()).toBe(true);
    await screenshot(editor, 'lifecycle-locked.png');
    await editor.getByTestId('save').click();
    // The board offers no way to add a topic in a column either.
    expect(await editor.getByTestId('new-topic-in-column').first().isDisabled()).toBe(true);
  });

  it('opens an adjustment with its reason, and its opener changes a month and a title', async () => {
    await admin.getByTestId('adjustment-open').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('调整理由').fill(REASON);
    await dialog.getByLabel('会议').fill(MEETING);
    await screenshot(admin, 'lifecycle-adjustment-form.png', { keepMouse: true });
    await dialog.getByRole('button', { name: '发起调整' }).click();
    await admin.getByTestId('adjustment-open-banner').getByText(REASON, { exact: false }).waitFor();
    // Meanwhile the editor is told whose adjustment it is and stays locked.
    await editor
      .getByTestId('adjustment-others-banner')
      .getByText(/市人大办公室 王敏/)
      .waitFor();

    await card(admin, TOPIC).click();
    const title = admin.getByTestId('topic-title-input');
    await expect.poll(() => title.isDisabled()).toBe(false);
    await choose(admin, '安排月份', '9月');
    await title.fill(ADJUSTED_TITLE);
    await title.press('Enter');
    await admin.getByTestId('save').click();
    await card(admin, ADJUSTED_TITLE).waitFor();
    await card(editor, ADJUSTED_TITLE).waitFor();
  });

  it('finishes the adjustment and shows what it changed', async () => {
    await admin.getByTestId('adjustment-close').click();
    const summary = admin.getByRole('dialog');
    await summary.getByText('计划调整已完成').waitFor();
    const changed = summary.locator(`[data-testid="diff-topic"][data-title="${ADJUSTED_TITLE}"]`);
    await changed.waitFor();
    await screenshot(admin, 'lifecycle-adjustment-closed.png');
    await admin.getByTestId('adjustment-summary-close').click();
    await admin.getByTestId('frozen-banner').waitFor();
  });

  it('shows the differences from the approved version, field by field, before → after', async () => {
    await admin.getByTestId('diff-button').click();
    const drawer = admin.getByTestId('diff-drawer');
    const topic = drawer.locator(`[data-testid="diff-topic"][data-title="${ADJUSTED_TITLE}"]`);
    await topic.waitFor();
    expect(await topic.getAttribute('data-kind')).toBe('changed');
    const row = (field: string) => topic.locator(`[data-testid="diff-field"][data-field="${field}"]`);
    expect(await row('title').getByTestId('diff-before').textContent()).toBe(TOPIC);
    expect(await row('title').getByTestId('diff-after').textContent()).toBe(ADJUSTED_TITLE);
    expect(await row('month').getByTestId('diff-before').textContent()).toBe('8月');
    expect(await row('month').getByTestId('diff-after').textContent()).toBe('9月');
    await row('month').getByRole('rowheader', { name: '安排月份' }).waitFor();
    // Only that topic changed.
    expect(await drawer.getByTestId('diff-topic').count()).toBe(1);
    await screenshot(admin, 'lifecycle-diff.png');
    await drawer.getByRole('button', { name: '关闭' }).click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('drops an edit that reached the server after the adjustment closed, says why and shows the plan as stored', async () => {
    const api = await signIn(bed.url, 'city.admin');
    const opened = await api.fetch(`/api/plans/${CITY_PLAN}/adjustments`, {
      method: 'POST',
      body: JSON.stringify({ reason: LATE_REASON, decidedBy: 'council_of_chairs', decidedOn: '2021-07-05' }),
    });
    expect(opened.status).toBe(201);
    const { adjustment } = AdjustmentResponse.parse(await opened.json());
    await admin.getByTestId('adjustment-open-banner').getByText(LATE_REASON, { exact: false }).waitFor();
    // The board hears late that the adjustment was closed elsewhere: its next look still finds it open.
    const known = await (await api.fetch(`/api/plans/${CITY_PLAN}/lifecycle`)).text();
    await admin.route(
      '**/lifecycle',
      (route) => route.fulfill({ status: 200, contentType: 'application/json', body: known }),
      { times: 1 },
    );
    const closed = await api.fetch(`/api/plans/${CITY_PLAN}/adjustments/${adjustment.id}/close`, {
      method: 'POST',
      body: '{}',
    });
    expect(closed.status).toBe(200);
    await card(admin, ADJUSTED_TITLE).click();
    await choose(admin, '安排月份', '10月');
    await admin.getByText(/您的修改未被保存/).waitFor();
    await admin.screenshot({ path: join(artifactsDir, 'lifecycle-refused.png') });
    // The document was reloaded from the server: the topic is back in September, locally too, and locked.
    await expect.poll(() => columnTitles(admin, '9')).toContain(ADJUSTED_TITLE);
    expect(await columnTitles(admin, '10')).not.toContain(ADJUSTED_TITLE);
    expect(await columnTitles(editor, '10')).not.toContain(ADJUSTED_TITLE);
    await admin.getByTestId('frozen-banner').waitFor();
    await admin.getByTestId('plan-lock-notice').waitFor();
  });

  it('saves a named version, compares it with the approved one, and restores the approved plan as an adjustment', async () => {
    await admin.getByTestId('save').click();
    await admin.getByTestId('versions-button').click();
    const drawer = admin.getByTestId('versions-drawer');
    await drawer.getByLabel('版本名称').fill(SAVED_VERSION);
    await drawer.getByTestId('version-save').click();
    await drawer.locator(`[data-testid="version-item"][data-name="${SAVED_VERSION}"]`).waitFor();

    // Approved (the default on the left) → the saved version: the adjusted topic, month and title.
    await drawer.getByLabel('比较的新版本').click();
    await admin
      .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${SAVED_VERSION}"]`)
      .click();
    await drawer.getByTestId('version-compare').click();
    const panel = drawer.getByTestId('diff-panel');
    const topic = panel.locator(`[data-testid="diff-topic"][data-title="${ADJUSTED_TITLE}"]`);
    await topic.waitFor();
    await panel.getByText(`→ 「${SAVED_VERSION}」`, { exact: false }).waitFor();
    expect(await topic.locator('[data-field="month"] [data-testid="diff-after"]').textContent()).toBe('9月');
    await screenshot(admin, 'lifecycle-versions-compare.png');

    // Viewing a version lists its topics as they were saved.
    await drawer
      .locator(`[data-testid="version-item"][data-name="${SAVED_VERSION}"]`)
      .getByRole('button', { name: '查看' })
      .click();
    const topics = admin.locator('.ant-modal:visible').getByTestId('version-topics');
    await topics
      .getByRole('row', { name: new RegExp(ADJUSTED_TITLE) })
      .getByText('9月')
      .waitFor();
    await admin.locator('.ant-modal:visible').getByRole('button', { name: '关闭' }).click();

    // Restoring the approved version is an adjustment with its reason; history is kept.
    await drawer
      .locator('[data-testid="version-item"]', { hasText: '审议通过稿' })
      .first()
      .getByRole('button', { name: '恢复此版本' })
      .click();
    const dialog = admin.locator('.ant-modal:visible');
    await dialog.getByLabel('调整理由').fill(RESTORE_REASON);
    await dialog.getByRole('button', { name: '恢复此版本' }).click();
    await card(admin, TOPIC).waitFor();
    await card(editor, TOPIC).waitFor();
    expect(await columnTitles(admin, '8')).toContain(TOPIC);
    await drawer.getByRole('tab', { name: '调整记录' }).click();
    await drawer.getByTestId('adjustment-log').getByText(RESTORE_REASON).waitFor();
    await drawer.getByTestId('adjustment-log').getByText(REASON).waitFor();
    await screenshot(admin, 'lifecycle-adjustment-log.png');
    await drawer.getByRole('button', { name: '关闭' }).click();

    // The live plan is the approved plan again.
    await admin.getByTestId('diff-button').click();
    await admin.getByTestId('diff-drawer').getByTestId('diff-empty').waitFor();
    await admin.getByTestId('diff-drawer').getByRole('button', { name: '关闭' }).click();
  });

  it('speaks English too: the status bar and a comparison with the live plan', async () => {
    await admin.getByText('English', { exact: true }).click();
    await admin.getByTestId('lifecycle-status').getByText('Approved', { exact: true }).waitFor();
    await admin.getByTestId('versions-button').click();
    const drawer = admin.getByTestId('versions-drawer');
    await drawer
      .locator(`[data-testid="version-item"][data-name="${SAVED_VERSION}"]`)
      .getByRole('button', { name: 'Compare with the live plan' })
      .click();
    const month = drawer.locator(`[data-testid="diff-topic"][data-title="${TOPIC}"] [data-field="month"]`);
    await month.getByRole('rowheader', { name: 'Month' }).waitFor();
    expect(await month.getByTestId('diff-before').textContent()).toBe('Sep');
    expect(await month.getByTestId('diff-after').textContent()).toBe('Aug');
    await screenshot(admin, 'lifecycle-compare-en.png');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await admin.getByText('中文', { exact: true }).click();
  });

  it('opens the plan of a new year from the sidebar, empty and collecting proposals', async () => {
    await admin.getByTestId('create-plan-button').click();
    const modal = admin.getByTestId('create-plan-modal');
    await modal.getByLabel('年度', { exact: true }).fill('2024');
    await modal.getByPlaceholder('示范市人大常委会2024年度监督工作计划').waitFor();
    await screenshot(admin, 'create-plan.png');
    await modal.getByRole('button', { name: '新 建' }).click();
    await admin.waitForURL(`${bed.url}/plans/city-2024`);
    await admin.getByTestId('lifecycle-status').getByText('征集', { exact: true }).waitFor();
    await admin.locator('[data-testid="plan-link"][aria-current="page"]').getByText('2024 年度').waitFor();
    await waitSynced(admin);
    expect(await admin.getByTestId('topic-card').count()).toBe(0);
  });

  it('raised no page errors', () => {
    expect(bed.pageErrors).toEqual([]);
  });
});
