import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  card,
  newContext,
  newPage,
  screenshot,
  startBrowserTestBed,
  SYNC_TIMEOUT_MS,
  type BrowserTestBed,
  openPlanAs,
} from './support/browserTest';

/**
 * Solicitation (征集) in a real Chromium: a signed-out resident proposes a topic on the public form,
 * and the city office finds it in its intake and accepts it onto the board.
 */

/** The demo's soliciting plan: the city's call for 2022. */
const PLAN_ID = 'city-2022';
const PLAN_TITLE = '示范市人大常委会2022年度监督工作计划（征集中）';
const PROPOSAL = {
  title: '背街小巷照明改造情况',
  reason: '晚上回家路黑，老人孩子出行不安全。',
  problem: '路灯缺失、损坏后长期无人维修。',
  contact: '李先生',
};

let bed: BrowserTestBed;
let visitor: Page;

describe('solicitation in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    visitor = await newPage(bed, await newContext(bed), 'visitor');
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('shows the public form signed out and says what is missing', async () => {
    await visitor.goto(`${bed.url}/public/plans/${PLAN_ID}/propose`);
    await visitor.getByRole('heading', { name: '人大常委会监督议题建议征集' }).waitFor();
    await visitor.getByTestId('propose-plan').getByText(PLAN_TITLE).waitFor();
    // No sign-in page in the way.
    expect(new URL(visitor.url()).pathname).toBe(`/public/plans/${PLAN_ID}/propose`);
    // The honeypot is neither announced to screen readers nor on screen.
    expect(await visitor.getByRole('textbox', { name: '网址（请勿填写）' }).count()).toBe(0);
    const honeypot = await visitor.locator('input#propose_website').boundingBox();
    expect(honeypot === null || honeypot.x + honeypot.width <= 0).toBe(true);
    await screenshot(visitor, 'solicitation-form.png');

    await visitor.getByRole('button', { name: '提交建议' }).click();
    for (const message of ['请填写议题名称', '请填写建议理由', '请填写拟解决的问题'])
      await visitor.getByText(message).waitFor();
    await screenshot(visitor, 'solicitation-errors.png');
  });

  it('thanks the resident once the proposal is sent', async () => {
    await visitor.getByLabel('议题名称').fill(PROPOSAL.title);
    await visitor.getByLabel('建议理由').fill(PROPOSAL.reason);
    await visitor.getByLabel('拟解决的问题').fill(PROPOSAL.problem);
    await visitor.getByLabel('联系方式（选填）').fill(PROPOSAL.contact);
    // The counter shows how much room is left.
    await visitor.getByText(`${PROPOSAL.title.length} / 100`).waitFor();
    await visitor.getByRole('button', { name: '提交建议' }).click();
    await visitor.getByText('感谢您的建议！').waitFor();
    await screenshot(visitor, 'solicitation-thanks.png');
  });

  it('lets the city office find the proposal in its intake and accept it onto the board', async () => {
    const office = await openPlanAs(bed, 'city.admin', PLAN_ID);
    await office.getByRole('region', { name: '征集建议' }).waitFor();
    await office.getByRole('button', { name: '处理建议' }).click();
    const intake = office.getByTestId('proposal-intake');
    const item = intake.getByTestId('proposal-item').filter({ hasText: PROPOSAL.title });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain(PROPOSAL.contact);
    await screenshot(office, 'solicitation-intake.png');

    // A proposal sent meanwhile shows up in the open intake without a reload.
    const live = await fetch(`${bed.url}/api/public/plans/${PLAN_ID}/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: bed.url },
      body: JSON.stringify({
        title: '公交站台遮阳棚',
        reason: '夏天候车太晒。',
        problem: '站台缺少遮阳设施。',
      }),
    });
    expect(live.status).toBe(201);
    await intake.getByTestId('proposal-item').filter({ hasText: '公交站台遮阳棚' }).waitFor();

    await item.getByRole('button', { name: `采纳：${PROPOSAL.title}`, exact: true }).click();
    await office
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^采\s*纳$/ })
      .click();
    await card(office, PROPOSAL.title).waitFor({ timeout: SYNC_TIMEOUT_MS });
    await intake
      .getByTestId('proposal-decided')
      .filter({ hasText: PROPOSAL.title })
      .getByText('已采纳')
      .waitFor();
    await screenshot(office, 'solicitation-accepted.png');
  });

  it('tells someone flooding the form to wait, in plain words', async () => {
    const limited = await (async () => {
      // The demo server allows five proposals per address in ten minutes; two went in above.
      for (let attempt = 0; attempt < 6; attempt += 1) {
        await visitor.getByRole('button', { name: '再提一条建议' }).click();
        await visitor.getByLabel('议题名称').fill(`${PROPOSAL.title} ${attempt}`);
        await visitor.getByLabel('建议理由').fill(PROPOSAL.reason);
        await visitor.getByLabel('拟解决的问题').fill(PROPOSAL.problem);
        await visitor.getByRole('button', { name: '提交建议' }).click();
        const thanks = visitor.getByText('感谢您的建议！');
        const refused = visitor.getByTestId('propose-error');
        await thanks.or(refused).waitFor();
        if (await refused.isVisible()) return attempt;
      }
      return null;
    })();
    expect(limited).toBe(3);
    await expect(visitor.getByTestId('propose-error').textContent()).resolves.toMatch(
      /提交过于频繁，请 \d+ 分钟后再试/,
    );
    await screenshot(visitor, 'solicitation-flood.png');
  });

  it('lets a deputy submit a proposal from inside the app, with its source', async () => {
    const deputy = await openPlanAs(bed, 'city.deputy', PLAN_ID);
    const bar = deputy.getByRole('region', { name: '征集建议' });
    // A deputy proposes; only the office handles the intake.
    expect(await bar.getByRole('button', { name: '处理建议' }).count()).toBe(0);
    await bar.getByRole('button', { name: '提交建议' }).click();
    const dialog = deputy.getByRole('dialog', { name: '提交议题建议' });
    await dialog.getByLabel('议题名称').fill('农村客运班线运营情况');
    await dialog.getByLabel('建议理由').fill('群众来信反映班次减少。');
    await dialog.getByLabel('拟解决的问题').fill('偏远村组出行难。');
    await dialog.getByLabel('议题来源').click();
    await deputy.locator('.ant-select-item-option[title="人民来信来访"]').click();
    await screenshot(deputy, 'solicitation-deputy.png');
    await dialog.getByRole('button', { name: '提交建议' }).click();
    await deputy.getByText('建议已提交').waitFor();
    const stored = await bed.server.db.proposals.listByPlan(PLAN_ID);
    expect(stored.find((row) => row.title === '农村客运班线运营情况')).toMatchObject({
      submitterKind: 'deputy',
      source: 'letters_visits',
      submittedBy: 'user-city-deputy',
    });
  });

  it('speaks English to an English reader', async () => {
    const reader = await newPage(bed, await newContext(bed, 'en'), 'reader');
    await reader.goto(`${bed.url}/public/plans/${PLAN_ID}/propose`);
    await reader.getByRole('heading', { name: 'Call for supervision topic proposals' }).waitFor();
    await reader.getByRole('button', { name: 'Submit proposal' }).click();
    await reader.getByText('Topic is required').waitFor();
    await screenshot(reader, 'solicitation-form-en.png');
    expect(bed.pageErrors).toEqual([]);
  });
});
