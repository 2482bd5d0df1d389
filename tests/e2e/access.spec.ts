import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { planDocName, SUPERVISED_BODY_LABELS } from '@yipan/domain';
import { demoPlanId } from '@yipan/server';
import {
  boardTitles,
  card,
  demoDisplayName,
  fillSignIn,
  mouseDrag,
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  waitSynced,
  type BrowserTestBed,
  openPlanAs,
} from './support/browserTest';

/**
 * Sign-in and the access rules as people meet them in Chromium: a county editor signs in, edits the
 * county's plan, finds the city's plan read-only and the county plan's history naming them; the
 * city's administrator makes them a viewer and their open board turns read-only without a reload.
 */

const COUNTY_PLAN = demoPlanId('county-1');
const CITY_PLAN = demoPlanId('city');
const TOWNSHIP_PLAN = demoPlanId('township-1');
const NEW_TOPIC = '听取和审议县人民政府关于农村饮水安全工作情况的报告';
/** Within this the open board must show a role change made elsewhere (the brief: "a few seconds"). */
const LIVE_CHANGE_MS = 5_000;
/** How long the read-only board is watched for a change that must not happen. */
const NO_CHANGE_WAIT_MS = 1_500;
/** Failed sign-ins one account may make here before the server asks to wait (the default is 5). */
const ACCOUNT_FAILURES = 3;
/** The initial password the administrator gives the account created here. */
const STAFF_PASSWORD = 'Yipan-2021-staff';
const STAFF_NAME = '示范县人大办 张华';
/** The one body a township supervises. */
const GOVERNMENT = SUPERVISED_BODY_LABELS.gov.zh;

const EDITOR_NAME = demoDisplayName('county.editor');

let bed: BrowserTestBed;
let editorPage: Page;
let adminPage: Page;

/** The number of entries in a plan's stored update log. */
async function logLength(planId: string): Promise<number> {
  return (await bed.server.db.docs.history(planDocName(planId))).length;
}

describe('sign-in and access in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed({
      loginLimits: { account: { max: ACCOUNT_FAILURES, windowMs: 60_000 } },
    });
    // The editor co-edits plan fields, which an executing plan accepts only within an adjustment.
    await bed.server.db.plans.setStatus(COUNTY_PLAN, 'collating');
    editorPage = await newPage(bed, await newContext(bed), 'county.editor');
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('sends a signed-out visitor of a plan to the sign-in page, focused on the username', async () => {
    await editorPage.goto(`${bed.url}/plans/${COUNTY_PLAN}`);
    await editorPage.waitForURL((url) => url.pathname === '/login');
    expect(new URL(editorPage.url()).searchParams.get('next')).toBe(`/plans/${COUNTY_PLAN}`);
    // Labelled fields, the first one focused: type at once, or find them by their labels.
    await editorPage.getByLabel('用户名', { exact: true }).waitFor();
    await editorPage.getByLabel('密码', { exact: true }).waitFor();
    await expect
      .poll(() => editorPage.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('login-username');
    await screenshot(editorPage, 'login.png');
  });

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    await fillSignIn(editorPage, 'county.editor', 'not-the-password');
    await editorPage.getByTestId('login-error').getByText('用户名或密码不正确，请重新输入。').waitFor();
    expect(new URL(editorPage.url()).pathname).toBe('/login');
    expect(await editorPage.getByTestId('login-password').inputValue()).toBe('');
    await screenshot(editorPage, 'login-error.png');
  });

  it('signs in and comes back to the plan, named in the header with the organisation', async () => {
    await fillSignIn(editorPage, 'county.editor');
    await editorPage.waitForURL((url) => url.pathname === `/plans/${COUNTY_PLAN}`);
    await waitSynced(editorPage);
    expect(await editorPage.getByTestId('user-name').textContent()).toBe(EDITOR_NAME);
    await editorPage.getByTestId('user-menu').getByText('示范县', { exact: true }).waitFor();
    expect(await editorPage.getByTestId('read-only-banner').count()).toBe(0);
    // An editor administers nothing: no way into administration is shown.
    expect(await editorPage.getByTestId('admin-link').count()).toBe(0);
  });

  it('edits the county plan: a new topic and its method are still there after a reload', async () => {
    await editorPage.getByTestId('new-topic').click();
    await editorPage.getByTestId('topic-title-input').fill(NEW_TOPIC);
    await editorPage.getByTestId('save').click();
    await card(editorPage, NEW_TOPIC).waitFor();

    await card(editorPage, NEW_TOPIC).click();
    const method = editorPage.getByLabel('监督方式', { exact: true });
    await method.click();
    await method.fill('专题询问');
    await method.press('Enter');
    await card(editorPage, NEW_TOPIC).getByText('专题询问', { exact: true }).waitFor();
    await editorPage.getByTestId('save').click();

    await editorPage.reload();
    await waitSynced(editorPage);
    await card(editorPage, NEW_TOPIC).getByText('专题询问', { exact: true }).waitFor();
  });

  it('lists the new topic in the county plan’s history under the editor’s name', async () => {
    await editorPage.getByTestId('history-toggle').click();
    const created = editorPage
      .getByTestId('history-entry')
      .filter({ hasText: `${EDITOR_NAME} 新建了议题「${NEW_TOPIC}」` });
    await created.waitFor();
    expect(await created.locator('time').textContent()).toMatch(/^(刚刚|\d+分钟前)$/);
    await editorPage
      .getByTestId('history-entry')
      .filter({ hasText: `${EDITOR_NAME} 将「${NEW_TOPIC}」的监督方式改为 专题询问` })
      .waitFor();
    // The demo topics were seeded by the system, named in the interface language.
    await editorPage.getByTestId('history-entry').filter({ hasText: '系统 新建了议题' }).first().waitFor();
    await screenshot(editorPage, 'history.png');
    await editorPage.getByTestId('history-refresh').click();
    await created.waitFor();
    await editorPage.getByRole('button', { name: '关闭' }).click();
  });

  it('shows the city’s plan read-only, with every editing control disabled, and dragging changes nothing', async () => {
    const watcherPage = await openPlanAs(bed, 'city.editor', CITY_PLAN);

    await editorPage.goto(`${bed.url}/plans/${CITY_PLAN}`);
    await waitSynced(editorPage);
    const banner = editorPage.getByTestId('read-only-banner');
    await banner.getByText('只读：您可以查看本计划，但不能修改').waitFor();
    await banner.getByText('这是上级（示范市）的计划。').waitFor();
    expect(await editorPage.getByTestId('new-topic').isDisabled()).toBe(true);
    const columnButtons = editorPage.getByTestId('new-topic-in-column');
    expect(await columnButtons.count()).toBeGreaterThan(0);
    for (const button of await columnButtons.all()) expect(await button.isDisabled()).toBe(true);
    expect(await editorPage.getByTestId('undo').isDisabled()).toBe(true);

    const before = await boardTitles(editorPage);
    const seenBefore = await boardTitles(watcherPage);
    const storedBefore = await logLength(CITY_PLAN);
    const from = await editorPage
      .locator('[data-testid="column-6"] [data-testid="topic-card"]')
      .first()
      .boundingBox();
    const to = await editorPage.locator('[data-testid="column-8"] .column-body').boundingBox();
    if (!from || !to) throw new Error('card or column not visible');
    await mouseDrag(
      editorPage,
      { x: from.x + from.width / 2, y: from.y + from.height / 2 },
      { x: to.x + to.width / 2, y: to.y + 40 },
    );
    await editorPage.waitForTimeout(NO_CHANGE_WAIT_MS);
    // Pressing and moving over read-only cards selects their text, as on any page; not what the picture is of.
    await editorPage.evaluate(() => window.getSelection()?.removeAllRanges());
    expect(await boardTitles(editorPage)).toEqual(before);
    expect(await boardTitles(watcherPage)).toEqual(seenBefore);
    expect(await logLength(CITY_PLAN)).toBe(storedBefore);
    await watcherPage.context().close();

    // The disabled button says why when pointed at.
    await editorPage.getByTestId('new-topic').hover();
    await editorPage.locator('.ant-tooltip').getByText('只读：这是上级（示范市）的计划。').waitFor();
    await screenshot(editorPage, 'readonly-banner.png', { keepMouse: true });

    // A card still opens, read-only.
    await editorPage.mouse.move(0, 0);
    await editorPage.locator('[data-testid="topic-card"]').first().click();
    await editorPage.getByTestId('drawer-read-only').waitFor();
    expect(await editorPage.getByTestId('topic-title-input').isDisabled()).toBe(true);
    await editorPage.getByTestId('save').click();
  });

  it('lets the city’s administrator make the county editor a viewer; the open board turns read-only without a reload', async () => {
    await editorPage.goto(`${bed.url}/plans/${COUNTY_PLAN}`);
    await waitSynced(editorPage);
    expect(await editorPage.getByTestId('new-topic').isEnabled()).toBe(true);
    await editorPage.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    adminPage = await newPage(bed, await newContext(bed), 'city.admin');
    await signInThroughUi(adminPage, bed.url, '/', 'city.admin');
    await adminPage.getByTestId('admin-link').click();
    await adminPage.waitForURL((url) => url.pathname === '/admin');
    await adminPage.getByTestId('admin-orgs').getByText('示范县', { exact: true }).waitFor();
    await screenshot(adminPage, 'admin-orgs.png');
    await adminPage.getByRole('button', { name: '管理“示范县”的成员' }).click();
    await adminPage.waitForURL((url) => url.pathname === '/admin/members');
    const members = adminPage.getByTestId('admin-members');
    await members.getByText(EDITOR_NAME, { exact: true }).waitFor();

    await adminPage.getByTestId('role-county.editor').click();
    await adminPage.locator('.ant-select-item-option[title="查看"]').click();
    await adminPage.getByText(`已将 ${EDITOR_NAME} 的角色改为“查看”`).waitFor();

    const banner = editorPage.getByTestId('read-only-banner');
    await banner.waitFor({ timeout: LIVE_CHANGE_MS });
    await banner.getByText('您在示范县的角色是“查看”，只能查看。').waitFor();
    expect(await editorPage.getByTestId('new-topic').isDisabled()).toBe(true);
    expect(
      await editorPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    await screenshot(adminPage, 'admin-members.png');
  });

  it('lets the administrator create an account, showing the password policy until it is met', async () => {
    await adminPage.getByRole('button', { name: '新建用户' }).click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByText('在“示范县”新建用户').waitFor();
    await dialog.getByLabel('用户名', { exact: true }).fill('county.staff');
    await dialog.getByLabel('显示名称', { exact: true }).fill(STAFF_NAME);
    await dialog.getByLabel('初始密码', { exact: true }).fill('short');
    await dialog.getByRole('button', { name: /^新\s?建$/ }).click();
    await dialog
      .locator('.ant-form-item-explain-error')
      .getByText('密码强度不够，请按下面的要求设置：')
      .waitFor();
    await dialog
      .getByText('密码至少 10 个字符，且须包含小写字母、大写字母、数字、符号中的至少两类。', { exact: true })
      .waitFor();
    await screenshot(adminPage, 'admin-new-user.png');
    await dialog.getByLabel('初始密码', { exact: true }).fill(STAFF_PASSWORD);
    await dialog.getByRole('button', { name: /^新\s?建$/ }).click();
    await adminPage.getByText(`已新建用户 ${STAFF_NAME}，并加入“示范县”`).waitFor();
    await adminPage.getByTestId('admin-members').getByText('county.staff', { exact: true }).waitFor();
  });

  it('takes an unpublished plan away from a removed member at once, saying so rather than “offline”', async () => {
    // The township's plan is approved, not yet published: only the township and those above may read it.
    const staff = await newPage(bed, await newContext(bed), 'county.staff');
    await staff.goto(`${bed.url}/plans/${TOWNSHIP_PLAN}`);
    await staff.waitForURL((url) => url.pathname === '/login');
    await fillSignIn(staff, 'county.staff', STAFF_PASSWORD);
    await staff.waitForURL((url) => url.pathname === `/plans/${TOWNSHIP_PLAN}`);
    await waitSynced(staff);
    await staff.getByTestId('read-only-banner').getByText('这是下级（示范镇）的计划。').waitFor();

    const row = adminPage.getByTestId('admin-members').locator('tr').filter({ hasText: 'county.staff' });
    await row.getByRole('button', { name: `移除成员：${STAFF_NAME}` }).click();
    await adminPage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^移\s?除$/ })
      .click();
    await adminPage.getByText(`已将 ${STAFF_NAME} 从“示范县”中移除`).waitFor();

    const result = staff.getByTestId('status-panel');
    await result.getByText('无法打开此计划').waitFor({ timeout: LIVE_CHANGE_MS });
    await result.getByText('您没有查看权限，如需查看请联系本级人大办公室。').waitFor();
    expect(await staff.locator('[data-testid="connection-status"][data-status="offline"]').count()).toBe(0);
    await screenshot(staff, 'access-removed.png');
    await staff.context().close();
  });

  it('lets the administrator create an organisation below the county and edit its lists', async () => {
    await adminPage.getByRole('tab', { name: '组织机构' }).click();
    await adminPage.getByRole('button', { name: '在“示范县”下新建组织' }).click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByText('在“示范县”下新建组织').waitFor();
    await dialog.getByLabel('名称', { exact: true }).fill('示范新镇');
    // A county's child is a township by default, which supervises the government only.
    await dialog.getByText('乡镇', { exact: true }).waitFor();
    expect(await dialog.getByRole('checkbox', { checked: true }).count()).toBe(1);
    expect(await dialog.getByRole('checkbox', { name: GOVERNMENT, exact: true }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await adminPage.getByText('已新建组织“示范新镇”').waitFor();
    const row = adminPage.getByTestId('admin-orgs').locator('tr').filter({ hasText: '示范新镇' });
    await row.waitFor();

    await row.getByRole('button', { name: '编辑组织：示范新镇' }).click();
    const units = dialog.getByLabel('报告单位', { exact: true });
    await units.fill('镇人民政府、镇财政所');
    await units.press('Enter');
    await dialog.locator('.ant-select-selection-item', { hasText: '镇财政所' }).waitFor();
    await screenshot(adminPage, 'admin-org-edit.png');
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await adminPage.getByText('已保存“示范新镇”').waitFor();
    await row.getByText('镇人民政府、镇财政所').waitFor();
  });

  it('looks right in English too', async () => {
    await editorPage.getByText('English', { exact: true }).click();
    await editorPage.getByText('Read-only: you may view this plan but not change it').waitFor();
    await editorPage.getByText('Your role at 示范县 is “Viewer”: you may only view.').waitFor();
    await screenshot(editorPage, 'readonly-banner-en.png');
    await editorPage.getByTestId('history-toggle').click();
    await editorPage
      .getByTestId('history-entry')
      .filter({ hasText: `${EDITOR_NAME} changed “${NEW_TOPIC}”: Method → Special inquiry` })
      .waitFor();
    await screenshot(editorPage, 'history-en.png');
    await editorPage.getByRole('button', { name: 'Close' }).click();
    await editorPage.getByText('中文', { exact: true }).click();

    await adminPage.getByText('English', { exact: true }).click();
    await adminPage.getByRole('tab', { name: 'Members' }).waitFor();
    await screenshot(adminPage, 'admin-members-en.png');
    await adminPage.getByRole('tab', { name: 'Security log' }).click();
    await adminPage.getByTestId('admin-events').getByText('Membership changed').first().waitFor();
    await screenshot(adminPage, 'admin-security-en.png');
    await adminPage.getByTestId('event-kind-filter').click();
    await adminPage.locator('.ant-select-item-option[title="Sign-in failed"]').click();
    const rows = adminPage.getByTestId('admin-events').locator('tbody tr');
    await rows.filter({ hasText: 'Username county.editor' }).waitFor();
    await expect.poll(() => rows.filter({ hasText: 'Membership changed' }).count()).toBe(0);
    await adminPage.getByText('中文', { exact: true }).click();

    const visitor = await newPage(bed, await newContext(bed, 'en'), 'visitor (en)');
    await visitor.goto(`${bed.url}/plans/${CITY_PLAN}`);
    await visitor.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(visitor, 'login-en.png');
    await visitor.context().close();
  });

  it('gives write access back live: the board reconnects and the next edit is kept', async () => {
    await adminPage.goto(`${bed.url}/admin/members?org=county-1`);
    await adminPage.getByTestId('role-county.editor').click();
    await adminPage.locator('.ant-select-item-option[title="编辑"]').click();
    await adminPage.getByText(`已将 ${EDITOR_NAME} 的角色改为“编辑”`).waitFor();

    await editorPage.getByText('您现在可以编辑本计划了。').waitFor({ timeout: LIVE_CHANGE_MS });
    expect(await editorPage.getByTestId('read-only-banner').count()).toBe(0);
    await waitSynced(editorPage);
    const title = '听取和审议县人民政府关于义务教育优质均衡发展情况的报告';
    await editorPage.getByTestId('new-topic').click();
    await editorPage.getByTestId('topic-title-input').fill(title);
    await editorPage.getByTestId('save').click();
    await card(editorPage, title).waitFor();
    // Kept by the server (a read-only connection would have dropped it): still there after a reload.
    await editorPage.reload();
    await waitSynced(editorPage);
    await card(editorPage, title).waitFor();
  });

  it('signs the county editor out everywhere when the administrator ends their session', async () => {
    await adminPage.getByRole('tab', { name: '登录会话' }).click();
    const row = adminPage.getByTestId('admin-sessions').locator('tr').filter({ hasText: EDITOR_NAME });
    await row.getByRole('button', { name: `注销 ${EDITOR_NAME} 的会话` }).click();
    // antd spaces out two-character Chinese button labels: 注 销.
    await adminPage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^注\s?销$/ })
      .click();
    await adminPage.getByText(`已注销 ${EDITOR_NAME} 的会话`).waitFor();

    await editorPage.waitForURL((url) => url.pathname === '/login', { timeout: LIVE_CHANGE_MS });
    await editorPage.getByText('您的登录已失效（已在其他地方退出，或被管理员注销），请重新登录。').waitFor();
    expect(new URL(editorPage.url()).searchParams.get('next')).toBe(`/plans/${COUNTY_PLAN}`);
  });

  it('signs out from the user menu', async () => {
    await fillSignIn(editorPage, 'county.editor');
    await editorPage.waitForURL((url) => url.pathname === `/plans/${COUNTY_PLAN}`);
    await editorPage.getByTestId('user-menu').click();
    await editorPage.getByRole('menuitem', { name: '退出登录' }).click();
    await editorPage.waitForURL((url) => url.pathname === '/login');
    await editorPage.getByText('您已安全退出。').waitFor();
    // Signed out for real: the plan sends back to sign-in.
    await editorPage.goto(`${bed.url}/plans/${COUNTY_PLAN}`);
    await editorPage.waitForURL((url) => url.pathname === '/login');
  });

  it('shows a county administrator only their own county and what lies below it', async () => {
    const page = await newPage(bed, await newContext(bed), 'county.admin');
    await signInThroughUi(page, bed.url, '/admin', 'county.admin');
    const orgs = page.getByTestId('admin-orgs');
    await orgs.getByText('示范县', { exact: true }).waitFor();
    await orgs.getByText('示范镇', { exact: true }).waitFor();
    expect(await orgs.getByText('示范市', { exact: true }).count()).toBe(0);
    expect(await orgs.getByText('示范区', { exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('asks to wait after too many wrong passwords, and says how long', async () => {
    const page = await newPage(bed, await newContext(bed), 'guesser');
    await page.goto(`${bed.url}/login`);
    const error = page.getByTestId('login-error');
    for (let attempt = 0; attempt <= ACCOUNT_FAILURES; attempt++) {
      await fillSignIn(page, 'county2.editor', `wrong-${attempt}`);
      await error.waitFor();
      if ((await error.textContent())?.includes('登录失败次数过多')) break;
    }
    await error.getByText(/登录失败次数过多，为保护账号安全，请 (\d+ 秒|1 分钟)后再试。/).waitFor();
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    await page.context().close();
    expect(bed.pageErrors).toEqual([]);
  });
});
