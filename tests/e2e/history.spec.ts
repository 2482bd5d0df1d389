import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addRectificationItem,
  advanceRectificationItem,
  applyStepTemplate,
  readSteps,
  setStepState,
  stepTemplateFor,
} from '@yipan/domain';
import { demoPlanId } from '@yipan/server';
import { connectSynced, type PlanClient } from '../support/connectClient';
import { signIn } from '../support/signIn';
import {
  demoDisplayName,
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
 * The plan history in Chromium tells the follow-up work in plain words: the city editor finishes a step of
 * the 执行难 topic and moves one of its opinion's items along (through a real y-websocket client, as another
 * office's board would), and the history drawer names each change, in Chinese and in English.
 */

const PLAN_ID = demoPlanId('city');
const TOPIC_ID = 'city-2021-enforcement';
/** The 执行难 topic's title (short enough for sentences to quote it whole). */
const TOPIC = '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问';
const ITEM = '加大失信被执行人联合惩戒力度';
const EDITOR = 'city.editor';

let bed: BrowserTestBed;
let client: PlanClient;
let stepTitle: { zh: string; en: string };

beforeAll(async () => {
  bed = await startBrowserTestBed();
  const editor = await signIn(bed.url, EDITOR);
  const syncUrl = `${bed.url.replace(/^http/, 'ws')}/yjs`;
  client = await connectSynced(syncUrl, PLAN_ID, { token: await editor.syncToken() });
  applyStepTemplate(client.doc, TOPIC_ID, stepTemplateFor('special_report'));
  const first = readSteps(client.doc, TOPIC_ID)[0]!;
  stepTitle = first.title;
  setStepState(client.doc, TOPIC_ID, first.id, 'done', { date: '2021-03-02' });
  const itemId = addRectificationItem(client.doc, TOPIC_ID, {
    content: ITEM,
    responsibleBody: '市中级人民法院',
  });
  for (const to of ['chairs_approved', 'issued', 'handling'] as const)
    advanceRectificationItem(client.doc, TOPIC_ID, itemId, to, {
      by: demoDisplayName(EDITOR),
      at: Date.now(),
    });
  await client.drained();
});

afterAll(async () => {
  client?.close();
  await bed?.close();
});

describe('plan history of steps and opinion items', () => {
  it('names a finished step and an item’s state change in the history drawer', async () => {
    const page = await openPlanAs(bed, EDITOR, PLAN_ID);
    await page.getByTestId('history-toggle').click();
    const name = demoDisplayName(EDITOR);
    const entries = page.getByTestId('history-entry');
    await entries.filter({ hasText: `${name}：「${TOPIC}」的步骤「${stepTitle.zh}」改为已完成` }).waitFor();
    await entries.filter({ hasText: `${name}：「${TOPIC}」新增整改事项「${ITEM}」` }).waitFor();
    await entries.filter({ hasText: `「${ITEM}」状态 已交办 → 办理中` }).waitFor();
    await screenshot(page, 'history-steps-items.png');
    await page.getByRole('button', { name: '关闭' }).click();
  });

  it('says the same in English', async () => {
    const page = await newPage(bed, await newContext(bed, 'en'), `${EDITOR} (en)`);
    await signInThroughUi(page, bed.url, `/plans/${PLAN_ID}`, EDITOR);
    await waitSynced(page);
    await page.getByTestId('history-toggle').click();
    await page
      .getByTestId('history-entry')
      .filter({ hasText: `step “${stepTitle.en || stepTitle.zh}” marked done` })
      .waitFor();
    await page.getByTestId('history-entry').filter({ hasText: 'Issued → Handling' }).waitFor();
    await screenshot(page, 'history-steps-items-en.png');
    expect(bed.pageErrors).toEqual([]);
  });
});
