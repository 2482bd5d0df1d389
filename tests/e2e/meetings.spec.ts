import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MeetingResponse } from '@yipan/protocol';
import { signIn } from '../support/signIn';
import {
  artifactsDir,
  newContext,
  newPage,
  screenshot,
  signInThroughUi,
  startBrowserTestBed,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * Meeting mode in a real Chromium, the browser acceptance test: a facilitator and two participants
 * in three browsers; the focus moves and the followers follow, one breaks away and returns, a dot vote is
 * held whose results appear only once closed, and the projector view is saved as an artifact. Then a
 * decision is recorded and the topic's drawer on the board shows it with the vote, and the organiser
 * changes the agenda while a participant watches it change.
 */

const CITY_PLAN = 'city-2021';
const TOPICS = [
  {
    id: 'city-2021-enforcement',
    title: '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问',
  },
  { id: 'city-2021-business', title: '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评' },
  { id: 'city-2021-work-safety', title: '开展《中华人民共和国安全生产法》实施情况执法检查' },
] as const;
const [FIRST, SECOND, THIRD] = TOPICS;
/** A topic of the plan that is on no agenda. */
const OFF_AGENDA = 'city-2021-school-places';
const FACILITATOR = 'city.editor';
const PARTICIPANT_A = 'city.viewer';
const PARTICIPANT_B = 'city.deputy';
/** A free agenda item the organiser adds while the meeting runs. */
const FREE_ITEM = '听取市人民政府关于重点民生实事项目进展情况的通报';
/** Focus moves and vote results travel over socket.io; a loaded machine gets a few seconds. */
const LIVE_MS = 5_000;

let bed: BrowserTestBed;
let meetingId: string;
let facilitator: Page;
let alice: Page;
let bob: Page;

/** The agenda item button of a topic. */
const agendaItem = (page: Page, title: string) =>
  page.locator(`[data-testid="agenda-item"][data-title="${title}"]`);

/** The title of the item a page shows in its centre. */
const viewedTitle = (page: Page) => page.getByTestId('meeting-viewed').getAttribute('data-title');

/** Waits until the page shows the given item in its centre. */
async function expectViewing(page: Page, title: string): Promise<void> {
  await expect
    .poll(() => viewedTitle(page).catch(() => null), { timeout: LIVE_MS, interval: 100 })
    .toBe(title);
}

/** The facilitator makes an agenda item the current one. */
async function focusOn(title: string): Promise<void> {
  await agendaItem(facilitator, title).click();
  await facilitator.getByTestId('meeting-focus-here').click();
  await expect
    .poll(() => agendaItem(facilitator, title).getAttribute('data-focused'), { timeout: LIVE_MS })
    .toBe('true');
}

/** Places dots on candidates (title → dots) and casts the ballot. */
async function castDots(page: Page, dots: Record<string, number>): Promise<void> {
  const form = page.getByTestId('ballot-form');
  await form.waitFor();
  for (const [title, count] of Object.entries(dots)) {
    const candidate = form.locator(`[data-testid="ballot-candidate"][data-title="${title}"]`);
    for (let n = 0; n < count; n += 1) await candidate.getByTestId('dot-add').click();
  }
  await expect(form.getByTestId('dots-left').getAttribute('data-left')).resolves.toBe('0');
  await form.getByTestId('ballot-submit').click();
  await page.getByTestId('ballot-cast').waitFor();
}

/** The result rows a page shows for the closed vote, as title → count. */
async function resultOf(page: Page): Promise<Record<string, number>> {
  const rows = page.locator('[data-testid="vote-closed"] [data-testid="vote-result-row"]');
  await rows.first().waitFor({ timeout: LIVE_MS });
  const entries = await rows.evaluateAll((items) =>
    items.map((item) => [
      (item as HTMLElement).dataset.title ?? '',
      Number((item as HTMLElement).dataset.count),
    ]),
  );
  return Object.fromEntries(entries) as Record<string, number>;
}

/** Opens the meeting room as a user in a browser profile of their own. */
async function openRoom(username: string): Promise<Page> {
  const page = await newPage(bed, await newContext(bed), username);
  await signInThroughUi(page, bed.url, `/meetings/${meetingId}`, username);
  await page.getByTestId('meeting-room').waitFor();
  return page;
}

describe('meeting mode in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed();
    const organiser = await signIn(bed.url, FACILITATOR);
    const userId = (username: string) => `user-${username.replace('.', '-')}`;
    const response = await organiser.fetch('/api/meetings', {
      method: 'POST',
      body: JSON.stringify({
        orgId: 'city',
        kind: 'council_of_chairs',
        title: '2021年第6次主任会议',
        startsAt: '2021-06-08T09:00:00+08:00',
        agenda: TOPICS.map((topic) => ({ kind: 'topic', planId: CITY_PLAN, topicId: topic.id })),
        members: [
          { userId: userId(FACILITATOR), role: 'facilitator' },
          { userId: userId(PARTICIPANT_A), role: 'participant' },
          { userId: userId(PARTICIPANT_B), role: 'participant' },
        ],
      }),
    });
    expect(response.status).toBe(201);
    meetingId = MeetingResponse.parse(await response.json()).meeting.id;
    facilitator = await openRoom(FACILITATOR);
    alice = await openRoom(PARTICIPANT_A);
    bob = await openRoom(PARTICIPANT_B);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('lists the meeting for its members and starts it for everyone', async () => {
    await facilitator.getByTestId('meetings-link').waitFor();
    await facilitator.getByTestId('meeting-start').click();
    for (const page of [facilitator, alice, bob])
      await expect
        .poll(() => page.getByTestId('meeting-room').getAttribute('data-status'), { timeout: LIVE_MS })
        .toBe('live');
    // Participants have no facilitator controls.
    await expect(alice.getByTestId('meeting-start').count()).resolves.toBe(0);
  });

  it('moves the focus and every follower goes there', async () => {
    await focusOn(FIRST.title);
    await expectViewing(alice, FIRST.title);
    await expectViewing(bob, FIRST.title);
    await expect(agendaItem(bob, FIRST.title).textContent()).resolves.toContain('正在讨论');
    // The topic's details come live from the plan's document.
    await expect(bob.getByTestId('meeting-topic').textContent()).resolves.toContain('监察和司法委');
  });

  it('lets a participant break away, keeps them there when the focus moves, and brings them back', async () => {
    await agendaItem(alice, THIRD.title).click();
    await alice.getByTestId('meeting-away-banner').waitFor();
    await expectViewing(alice, THIRD.title);
    // The facilitator sees who is not following.
    const aliceEntry = facilitator.locator('[data-testid="presence-member"][data-name="市人大财经委 陈静"]');
    await expect.poll(() => aliceEntry.getAttribute('data-following'), { timeout: LIVE_MS }).toBe('false');

    await focusOn(SECOND.title);
    await expectViewing(bob, SECOND.title);
    await expectViewing(alice, THIRD.title);
    await expect(agendaItem(alice, SECOND.title).getAttribute('data-focused')).resolves.toBe('true');
    await screenshot(alice, 'meetings-room-away.png');

    await alice.getByTestId('meeting-return').click();
    await expectViewing(alice, SECOND.title);
    await expect(alice.getByTestId('meeting-away-banner').count()).resolves.toBe(0);
    await expect.poll(() => aliceEntry.getAttribute('data-following'), { timeout: LIVE_MS }).toBe('true');
  });

  it('holds a dot vote whose results appear on every page only once it is closed', async () => {
    await facilitator.getByTestId('vote-open').click();
    await facilitator.getByTestId('vote-kind-dots').click();
    await facilitator.getByTestId('vote-dots').fill('2');
    await facilitator.getByTestId('vote-open-submit').click();
    for (const page of [facilitator, alice, bob])
      await page.getByTestId('vote-current').waitFor({ timeout: LIVE_MS });

    await castDots(alice, { [FIRST.title]: 2 });
    await castDots(bob, { [FIRST.title]: 1, [SECOND.title]: 1 });
    // Hidden while open: counts only, no results anywhere.
    for (const page of [facilitator, alice, bob])
      await expect(page.getByTestId('vote-result').count()).resolves.toBe(0);
    await castDots(facilitator, { [THIRD.title]: 2 });
    await expect
      .poll(() => facilitator.getByTestId('vote-progress').getAttribute('data-cast'), { timeout: LIVE_MS })
      .toBe('3');
    await screenshot(facilitator, 'meetings-room-voting.png');

    await facilitator.getByTestId('vote-close').click();
    await facilitator.locator('.ant-popconfirm').getByRole('button', { name: '结束表决' }).click();
    const expected = { [FIRST.title]: 3, [SECOND.title]: 1, [THIRD.title]: 2 };
    for (const page of [facilitator, alice, bob]) await expect(resultOf(page)).resolves.toEqual(expected);
    // Ranked by dots, readable as text.
    await expect(
      bob.locator('[data-testid="vote-closed"] [data-testid="vote-result-row"]').first().textContent(),
    ).resolves.toContain('3 点');
    await screenshot(bob, 'meetings-room-result.png');
  });

  it('shows the focus, the timer, the hands and the result on the projector', async () => {
    await facilitator.getByTestId('timer-length').fill('15');
    await facilitator.getByTestId('timer-set').click();
    await facilitator.getByTestId('timer-start').click();
    await bob.getByTestId('hand-toggle').click();
    await facilitator.getByTestId('hand').first().waitFor({ timeout: LIVE_MS });

    const projector = await newPage(bed, facilitator.context(), 'projector');
    await projector.goto(`${bed.url}/meetings/${meetingId}/projector`);
    await projector.getByTestId('projector').waitFor();
    await expect.poll(() => projector.getByTestId('projector-title').textContent()).toBe(SECOND.title);
    await projector.getByTestId('meeting-topic').waitFor();
    await projector.getByTestId('vote-result').waitFor();
    await expect(projector.getByTestId('meeting-timer').getAttribute('data-state')).resolves.toBe('running');
    // It follows the focus by itself.
    await focusOn(FIRST.title);
    await expect
      .poll(() => projector.getByTestId('projector-title').textContent(), { timeout: LIVE_MS })
      .toBe(FIRST.title);
    await focusOn(SECOND.title);
    await expect
      .poll(() => projector.getByTestId('projector-title').textContent(), { timeout: LIVE_MS })
      .toBe(SECOND.title);
    await projector.getByTestId('meeting-topic').waitFor();
    await screenshot(projector, 'meetings-projector.png');
    // A tab in the background gets no animation frames: its toasts would never leave.
    await projector.close();
    await facilitator.bringToFront();
    await screenshot(facilitator, 'meetings-room-facilitator.png');
  });

  it('drafts the minutes for the secretary to edit', async () => {
    await facilitator.getByTestId('meeting-minutes-link').click();
    await facilitator.getByTestId('minutes-page').waitFor();
    await facilitator.getByTestId('minutes-draft').click();
    const text = facilitator.getByTestId('minutes-text');
    await expect.poll(() => text.inputValue(), { timeout: LIVE_MS }).toContain('2021年第6次主任会议');
    await screenshot(facilitator, 'meetings-minutes.png');
    expect(bed.pageErrors).toEqual([]);
  });

  it('records a decision and shows it with the vote on the topic, on the board', async () => {
    await facilitator.goto(`${bed.url}/meetings/${meetingId}`);
    await facilitator.getByTestId('meeting-room').waitFor();
    await agendaItem(facilitator, FIRST.title).click();
    await expectViewing(facilitator, FIRST.title);
    const view = facilitator.getByTestId('meeting-viewed');
    await view.getByTestId('decision-kind').click();
    await facilitator.locator('.ant-select-item-option[title="交办"]').click();
    await view.getByLabel('交办给').fill('财经委');
    await view.getByLabel('说明').fill('会同市发展改革委牵头办理');
    await view.getByTestId('decision-record').click();
    await view.locator('[data-testid="decision"][data-kind="assigned"]').waitFor({ timeout: LIVE_MS });

    await facilitator.goto(`${bed.url}/plans/${CITY_PLAN}#topic=${FIRST.id}`);
    await facilitator.getByTestId('topic-drawer').waitFor();
    const records = facilitator.getByTestId('meeting-records');
    await records.waitFor({ timeout: LIVE_MS });
    await expect(records.getByRole('heading').first().textContent()).resolves.toBe('会议记录');
    await expect(records.getByRole('link').textContent()).resolves.toBe('2021年第6次主任会议');
    await expect(records.getByTestId('meeting-record').textContent()).resolves.toContain('2021年6月8日');
    const decision = records.locator('[data-testid="record-decision"][data-kind="assigned"]');
    await expect(decision.textContent()).resolves.toBe('交办财经委会同市发展改革委牵头办理');
    // The dot vote: this topic's 3 dots, first of the three candidates; anonymous, so no names anywhere.
    const vote = records.getByTestId('record-vote');
    await expect(vote.getAttribute('data-dots')).resolves.toBe('3');
    await expect(vote.getAttribute('data-rank')).resolves.toBe('1');
    await expect(vote.textContent()).resolves.toContain('第 1/3 名');
    await expect(vote.textContent()).resolves.toContain('3 点');
    await expect(vote.textContent()).resolves.toContain('已投票 3/3 人');
    await records.scrollIntoViewIfNeeded();
    await facilitator.mouse.move(0, 0);
    await records.screenshot({ path: join(artifactsDir, 'meetings-topic-records.png') });

    // A topic no meeting discussed has no such section.
    const read = facilitator.waitForResponse((response) => response.url().includes('/meeting-records'));
    await facilitator.goto(`${bed.url}/plans/${CITY_PLAN}#topic=${OFF_AGENDA}`);
    await facilitator.getByTestId('topic-drawer').waitFor();
    await read;
    await facilitator.getByTestId('steps-section').waitFor();
    await expect(facilitator.getByTestId('meeting-records').count()).resolves.toBe(0);
  });

  it('lets the organiser add an agenda item that every room shows at once, keeping the others', async () => {
    await expect(alice.getByTestId('meeting-edit').count()).resolves.toBe(0);
    await facilitator.goto(`${bed.url}/meetings/${meetingId}`);
    await facilitator.getByTestId('meeting-room').waitFor();
    await facilitator.getByTestId('meeting-edit').click();
    const drawer = facilitator.getByTestId('meeting-edit-drawer');
    await drawer.waitFor();
    // Prefilled with the meeting as it is.
    await expect(drawer.getByTestId('meeting-title-input').inputValue()).resolves.toBe('2021年第6次主任会议');
    await expect(drawer.getByTestId('agenda-draft-item').count()).resolves.toBe(TOPICS.length);
    await drawer.getByTestId('agenda-free-input').fill(FREE_ITEM);
    await drawer.getByTestId('agenda-free-add').click();
    await drawer.locator(`[data-testid="agenda-draft-item"][data-title="${FREE_ITEM}"]`).waitFor();
    await screenshot(facilitator, 'meetings-edit-drawer.png');
    await drawer.getByTestId('meeting-edit-submit').click();
    await drawer.waitFor({ state: 'detached', timeout: LIVE_MS });

    // A participant's room shows the new item without a reload (the server's `meeting:changed`).
    await agendaItem(alice, FREE_ITEM).waitFor({ timeout: LIVE_MS });
    await expect(alice.getByTestId('agenda-item').count()).resolves.toBe(TOPICS.length + 1);
    // The kept items kept their ids: the decision recorded on the first is still on it.
    await agendaItem(alice, FIRST.title).click();
    await expectViewing(alice, FIRST.title);
    await alice
      .getByTestId('meeting-viewed')
      .locator('[data-testid="decision"][data-kind="assigned"]')
      .waitFor({ timeout: LIVE_MS });
    await alice.getByTestId('meeting-return').click();
    await screenshot(alice, 'meetings-room-edited.png');
    expect(bed.pageErrors).toEqual([]);
  });
});
