import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  addRectificationItem,
  addTopic,
  planDocName,
  setOpinion,
  topicNotes,
  updateTopic,
} from '@yipan/domain';
import { MeetingResponse, UserCreateResponse, type AnswerRequest } from '@yipan/protocol';
import { connectSynced, type PlanClient } from '../support/connectClient';
import { signIn, TEST_PASSWORD, type SignedIn } from '../support/signIn';
import { waitFor } from '../support/waitFor';
import {
  fillSignIn,
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
 * Hostile text in every field a person can fill, shown on every page that shows it, in a real Chromium
 * under the server's real CSP: nothing runs (no `window.__xss`, no dialog, no CSP violation, no element
 * or attribute the payload asked for), and each payload reads back as the text that was typed.
 */

/** The script every payload tries to run; it would set `window.__xss` to the field's marker. */
const run = (marker: string) => `window.__xss='${marker}'`;
/** The shapes of attack, each short enough for a 100-character name field once prefixed. */
const VARIANTS = [
  (m: string) => `<img src=x onerror=${run(m)}>`,
  (m: string) => `<svg onload=${run(m)}>`,
  (m: string) => `"><script>${run(m)}</script>`,
  (m: string) => `javascript:${run(m)}//`,
  (m: string) => `{{constructor.constructor("${run(m)}")()}}`,
  (m: string) => `<iframe src="javascript:parent.__xss='${m}'">`,
] as const;
/** A field's payload: a marker to find it by, then one attack shape. */
const hostile = (marker: string, variant: number) =>
  `${marker} ${VARIANTS[variant % VARIANTS.length]?.(marker) ?? ''}`;
/** Every attack shape at once, for the long text fields (notes, opinions, proposals). */
const allHostile = (marker: string) => `${marker} ${VARIANTS.map((variant) => variant(marker)).join(' ')}`;

const PAYLOAD = {
  orgName: hostile('XSS组织', 0),
  reportingUnit: hostile('XSS承办', 1),
  displayName: hostile('XSS用户', 2),
  topicTitle: hostile('XSS议题', 0),
  leadCommittee: hostile('XSS牵头', 3),
  topicReportingUnit: hostile('XSS报告单位', 4),
  notes: allHostile('XSS备注'),
  opinion: allHostile('XSS审议意见'),
  itemContent: hostile('XSS整改', 1),
  itemBody: hostile('XSS责任', 2),
  declineReason: hostile('XSS理由', 2),
  meetingTitle: hostile('XSS会议', 1),
  agendaItem: hostile('XSS其他事项', 3),
  proposalTitle: hostile('XSS建议', 5),
  proposalReason: allHostile('XSS建议理由'),
  proposalProblem: allHostile('XSS问题'),
  importedTitle: hostile('XSS导入', 0),
  importedCommittee: hostile('XSS导入委室', 1),
  /** The board shows at most 40 characters of a peer's name. */
  awarenessName: 'XSS在线<img src=x onerror=__xss=1>',
} as const;

const HOSTILE_ORG = 'county-3';
const HOSTILE_PLAN = 'county-3-2021';
const CITY_PLAN = 'city-2021';
const SOLICITING_CITY_PLAN = 'city-2022';
const HOSTILE_USER = 'xss.editor';
const HOSTILE_PASSWORD = `${TEST_PASSWORD}-Xss1`;

let bed: BrowserTestBed;
let cityAdmin: SignedIn;
let hostileTopicId = '';
let meetingId = '';
/** Open y-websocket clients, closed at the end. */
const clients: PlanClient[] = [];
/** What each page saw that it must not have: dialogs and CSP reports from the console. */
const incidents: string[] = [];

/**
 * Set up before any page script: records CSP violations and calls to dialogs in the page itself,
 * where a payload would act.
 */
function watchForIncidents(): void {
  const record = window as unknown as { __cspViolations: string[]; __xss: unknown };
  record.__xss = null;
  record.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    record.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`),
  );
  for (const name of ['alert', 'confirm', 'prompt'] as const)
    window[name] = () => {
      record.__xss = `${name}()`;
      return null as never;
    };
}

async function hostileContext(): Promise<BrowserContext> {
  const context = await newContext(bed);
  await context.addInitScript(watchForIncidents);
  return context;
}

/** A page that reports dialogs and CSP complaints on the console into `incidents`. */
async function watchedPage(name: string, context?: BrowserContext): Promise<Page> {
  const page = await newPage(bed, context ?? (await hostileContext()), name);
  page.on('dialog', (dialog) => {
    incidents.push(`${name}: dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      incidents.push(`${name}: ${message.text()}`);
  });
  return page;
}

/**
 * Waits for each payload to read as text on the page, then checks nothing ran and nothing the payloads
 * asked for is in the DOM: no `img src=x`, no handler attributes, no frames, no foreign or inline scripts,
 * no `javascript:` link.
 */
async function expectInert(
  page: Page,
  shown: readonly string[],
  file: string,
  /** Texts shown for editing, as the value of a text field rather than as page text. */
  inFields: readonly string[] = [],
): Promise<void> {
  for (const text of shown) await page.getByText(text, { exact: false }).first().waitFor();
  for (const text of inFields)
    await page.waitForFunction(
      (wanted) =>
        Array.from(document.querySelectorAll('input, textarea')).some((field) =>
          (field as HTMLInputElement).value.includes(wanted),
        ),
      text,
      { timeout: SYNC_TIMEOUT_MS },
    );
  const state = await page.evaluate(() => {
    const record = window as unknown as { __cspViolations?: string[]; __xss?: unknown };
    const hrefs = Array.from(document.querySelectorAll('[href], [src], [action], [formaction]')).flatMap(
      (element) => ['href', 'src', 'action', 'formaction'].map((name) => element.getAttribute(name) ?? ''),
    );
    return {
      xss: record.__xss ?? null,
      violations: record.__cspViolations ?? [],
      injected: document.querySelectorAll('img[src="x"], iframe, object, embed, svg[onload]').length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((element) =>
        element.getAttributeNames().filter((name: string) => name.startsWith('on')),
      ),
      scripts: Array.from(document.scripts)
        .filter((script) => !script.src || new URL(script.src).origin !== location.origin)
        .map((script) => script.outerHTML.slice(0, 100)),
      javascriptUrls: hrefs.filter((value) => /^\s*javascript:/i.test(value)),
    };
  });
  expect(state, file).toEqual({
    xss: null,
    violations: [],
    injected: 0,
    handlers: [],
    scripts: [],
    javascriptUrls: [],
  });
  expect(incidents, file).toEqual([]);
  await screenshot(page, `xss-${file}.png`);
}

/** A workbook an office might have been sent, with hostile cells where titles and committees go. */
async function hostileWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('计划');
  sheet.addRow(['序号', '议题', '监督方式', '时间安排', '牵头委室']);
  sheet.addRow([1, PAYLOAD.importedTitle, '听取和审议专项工作报告', '6月', PAYLOAD.importedCommittee]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('hostile text in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    cityAdmin = await signIn(bed.url, 'city.admin');

    // Names an administrator types: an organisation (with a reporting unit) and a user.
    const org = await cityAdmin.fetch(`/api/admin/orgs/${HOSTILE_ORG}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: PAYLOAD.orgName, reportingUnits: [PAYLOAD.reportingUnit] }),
    });
    expect(org.status, await org.clone().text()).toBe(200);
    const user = await cityAdmin.fetch('/api/admin/users', {
      method: 'POST',
      body: JSON.stringify({
        username: HOSTILE_USER,
        displayName: PAYLOAD.displayName,
        password: HOSTILE_PASSWORD,
        membership: { orgId: HOSTILE_ORG, role: 'editor' },
      }),
    });
    expect(user.status, await user.clone().text()).toBe(201);
    UserCreateResponse.parse(await user.json());

    // What an editor types on the board, through the same Yjs document the board edits.
    const editor = await signIn(bed.url, HOSTILE_USER, HOSTILE_PASSWORD);
    const syncUrl = `${bed.url.replace(/^http/, 'ws')}/yjs`;
    const client = await connectSynced(syncUrl, HOSTILE_PLAN, { token: await editor.syncToken() });
    clients.push(client);
    hostileTopicId = addTopic(client.doc, {
      title: PAYLOAD.topicTitle,
      leadCommittee: PAYLOAD.leadCommittee,
      reportingUnit: PAYLOAD.topicReportingUnit,
      month: 6,
    });
    topicNotes(client.doc, hostileTopicId)?.insert(0, PAYLOAD.notes);
    setOpinion(client.doc, hostileTopicId, { text: PAYLOAD.opinion });
    addRectificationItem(client.doc, hostileTopicId, {
      content: PAYLOAD.itemContent,
      responsibleBody: PAYLOAD.itemBody,
      // Overdue, so the follow-up board lists it.
      deadline: '2021-03-01',
    });
    updateTopic(client.doc, hostileTopicId, { month: 7 });
    await client.drained();
    await waitFor('the hostile topic to be stored', async () => {
      await bed.server.db.docs.flush();
      return (await bed.server.db.docs.history(planDocName(HOSTILE_PLAN))).length > 0;
    });

    // The county answers the city: links its hostile topic, declines another with a hostile reason.
    const answer = async (body: AnswerRequest) => {
      const response = await editor.fetch(`/api/plans/${HOSTILE_PLAN}/answers`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    };
    await answer({
      answer: 'link',
      parentPlanId: CITY_PLAN,
      parentTopicId: 'city-2021-enforcement',
      topicId: hostileTopicId,
    });
    await answer({
      answer: 'decline',
      parentPlanId: CITY_PLAN,
      parentTopicId: 'city-2021-rural-revitalization',
      reason: PAYLOAD.declineReason,
    });

    // A meeting scheduled by the city office, with a hostile title and a free agenda item.
    const meeting = await cityAdmin.fetch('/api/meetings', {
      method: 'POST',
      body: JSON.stringify({
        orgId: 'city',
        kind: 'council_of_chairs',
        title: PAYLOAD.meetingTitle,
        startsAt: new Date(Date.UTC(2021, 8, 1, 1)).toISOString(),
        agenda: [
          { kind: 'other', title: PAYLOAD.agendaItem },
          { kind: 'topic', planId: HOSTILE_PLAN, topicId: hostileTopicId },
        ],
        members: [{ userId: cityAdmin.me.user.id, role: 'facilitator' }],
      }),
    });
    expect(meeting.status, await meeting.clone().text()).toBe(201);
    meetingId = MeetingResponse.parse(await meeting.json()).meeting.id;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await bed?.close();
  });

  it('serves a CSP that allows no inline script and no eval, and no page breaks it', async () => {
    const response = await fetch(`${bed.url}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src '));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(policy).toContain("script-src-attr 'none'");
    expect(policy).not.toContain('unsafe-eval');

    // Signing in and opening a board runs every schema the first page needs (zod's first parse).
    const page = await watchedPage('csp');
    await signInThroughUi(page, bed.url, `/plans/${CITY_PLAN}`, 'city.editor');
    await waitSynced(page);
    await page.getByTestId('topic-card').first().waitFor();
    await expectInert(page, [], 'csp-board');
  });

  it('the solicitation form takes hostile text as text, and the office reads it so', async () => {
    const visitor = await watchedPage('visitor');
    await visitor.goto(`${bed.url}/public/plans/${SOLICITING_CITY_PLAN}/propose`);
    await visitor.getByLabel('议题名称').fill(PAYLOAD.proposalTitle);
    await visitor.getByLabel('建议理由').fill(PAYLOAD.proposalReason);
    await visitor.getByLabel('拟解决的问题').fill(PAYLOAD.proposalProblem);
    await visitor.getByRole('button', { name: '提交建议' }).click();
    await visitor.getByText('感谢您的建议！').waitFor();
    await expectInert(visitor, [], 'propose');

    const office = await watchedPage('city.admin proposals');
    await signInThroughUi(office, bed.url, `/plans/${SOLICITING_CITY_PLAN}`, 'city.admin');
    await office.getByRole('button', { name: '处理建议' }).click();
    const item = office.getByTestId('proposal-item').filter({ hasText: 'XSS建议' });
    await item.waitFor();
    await expectInert(
      office,
      [PAYLOAD.proposalTitle, PAYLOAD.proposalReason, PAYLOAD.proposalProblem],
      'proposal-intake',
    );
  });

  it('the board, a topic drawer, presence, an import and the history show hostile text as text', async () => {
    const page = await watchedPage(HOSTILE_USER);
    await page.goto(`${bed.url}/plans/${HOSTILE_PLAN}`);
    await fillSignIn(page, HOSTILE_USER, HOSTILE_PASSWORD);
    await waitSynced(page);

    // Someone else on the plan whose awareness name is hostile (any client may claim any name there).
    const other = await signIn(bed.url, HOSTILE_USER, HOSTILE_PASSWORD);
    const peer = await connectSynced(`${bed.url.replace(/^http/, 'ws')}/yjs`, HOSTILE_PLAN, {
      token: await other.syncToken(),
    });
    clients.push(peer);
    peer.provider.awareness.setLocalState({
      user: { name: PAYLOAD.awarenessName, color: 'red;background:url(javascript:parent.__xss=1)' },
      editingTopicId: hostileTopicId,
    });
    const avatar = page.locator(`[data-testid="presence-avatar"][data-name="${PAYLOAD.awarenessName}"]`);
    await avatar.waitFor({ timeout: SYNC_TIMEOUT_MS });
    await avatar.hover();
    await page.locator('.ant-tooltip').getByText(PAYLOAD.awarenessName).waitFor();
    await expectInert(
      page,
      [PAYLOAD.topicTitle, PAYLOAD.leadCommittee, PAYLOAD.topicReportingUnit, PAYLOAD.awarenessName],
      'board',
    );

    // An imported workbook: its preview, then the board.
    await page.getByTestId('import-button').click();
    const drawer = page.getByTestId('import-drawer');
    await drawer.locator('input[type="file"]').setInputFiles({
      name: `${PAYLOAD.importedTitle.slice(0, 20)}.xlsx`,
      mimeType: 'application/octet-stream',
      buffer: await hostileWorkbook(),
    });
    await drawer.getByTestId('import-preview').getByText(PAYLOAD.importedTitle).waitFor();
    await expectInert(page, [PAYLOAD.importedTitle, PAYLOAD.importedCommittee], 'import-preview');
    await drawer.getByTestId('import-submit').click();
    await page.getByText('已导入 1 条议题').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('topic-card').filter({ hasText: 'XSS导入' }).waitFor();

    // The hostile topic's drawer: its fields, notes, opinion and rectification item.
    await page.getByTestId('topic-card').filter({ hasText: 'XSS议题' }).click();
    const topicDrawer = page.getByTestId('topic-drawer');
    await topicDrawer.waitFor();
    await expectInert(page, [PAYLOAD.itemContent], 'topic-drawer', [
      PAYLOAD.topicTitle,
      PAYLOAD.notes,
      PAYLOAD.opinion,
    ]);
    await page.keyboard.press('Escape');

    // The history names the hostile author and titles.
    await page.getByTestId('history-toggle').click();
    await page.getByTestId('history-drawer').waitFor();
    await expectInert(page, [PAYLOAD.displayName], 'history');

    // The follow-up board lists the rectification item.
    await page.goto(`${bed.url}/orgs/${HOSTILE_ORG}/follow-up`);
    await page.getByTestId('follow-up-page').waitFor();
    await expectInert(page, [PAYLOAD.itemContent, PAYLOAD.topicTitle], 'follow-up');
  });

  it('the alignment matrix, the dashboard and the notifications show hostile text as text', async () => {
    const page = await watchedPage('city.editor');
    // A deep link signed out: the matrix is read again once signed in.
    await signInThroughUi(page, bed.url, `/plans/${CITY_PLAN}/alignment`, 'city.editor');
    await page.getByTestId('alignment-matrix').waitFor();
    await expectInert(page, [PAYLOAD.orgName], 'alignment');

    await page.goto(`${bed.url}/orgs/city/dashboard?year=2021`);
    await page.getByTestId('dashboard-page').waitFor();
    await expectInert(page, [PAYLOAD.orgName], 'dashboard');

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').waitFor();
    await expectInert(page, [PAYLOAD.orgName, PAYLOAD.declineReason], 'notifications');
  });

  it('meetings and administration show hostile text as text', async () => {
    const page = await watchedPage('city.admin');
    await signInThroughUi(page, bed.url, '/meetings', 'city.admin');
    await expectInert(page, [PAYLOAD.meetingTitle], 'meetings');

    await page.goto(`${bed.url}/meetings/${meetingId}`);
    await page.getByTestId('meeting-room').waitFor();
    await expectInert(page, [PAYLOAD.meetingTitle, PAYLOAD.agendaItem, PAYLOAD.topicTitle], 'meeting-room');

    await page.goto(`${bed.url}/meetings/${meetingId}/minutes`);
    await page.getByTestId('minutes-page').waitFor();
    await expectInert(page, [PAYLOAD.meetingTitle], 'minutes');

    await page.goto(`${bed.url}/admin`);
    await page.getByTestId('admin-orgs').waitFor();
    await expectInert(page, [PAYLOAD.orgName], 'admin-orgs');

    await page.goto(`${bed.url}/admin/members?org=${HOSTILE_ORG}`);
    await page.getByTestId('admin-members').waitFor();
    await expectInert(page, [PAYLOAD.displayName], 'admin-members');

    await page.goto(`${bed.url}/admin/sessions`);
    await page.getByTestId('admin-sessions').waitFor();
    await expectInert(page, [PAYLOAD.displayName], 'admin-sessions');
  });

  it('the public site shows hostile text of a published plan as text', async () => {
    await bed.server.db.plans.setStatus(HOSTILE_PLAN, 'published');
    const page = await watchedPage('public visitor');
    await page.goto(`${bed.url}/public`);
    await expectInert(page, [PAYLOAD.orgName], 'public-index');
    await page.goto(`${bed.url}/public/orgs/${HOSTILE_ORG}`);
    await expectInert(page, [PAYLOAD.orgName], 'public-org');
    await page.goto(`${bed.url}/public/plans/${HOSTILE_PLAN}`);
    await expectInert(page, [PAYLOAD.topicTitle, PAYLOAD.leadCommittee], 'public-plan');
    const feed = await (await fetch(`${bed.url}/public/feed.atom`)).text();
    expect(feed).not.toContain('<img src=x');
    expect(bed.pageErrors).toEqual([]);
  });
});
