import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { addTopic } from '@yipan/domain';
import { connectSynced, type PlanClient } from '../support/connectClient';
import { signIn } from '../support/signIn';
import {
  artifactsDir,
  card,
  openPlanAs,
  SYNC_TIMEOUT_MS,
  startBrowserTestBed,
  type BrowserTestBed,
} from './support/browserTest';

/**
 * A plan at its size limit, as an editor meets it in Chromium: their next change is refused, they are
 * told why in words, and the plan reopens without it. The limit is lowered to 1 MB so a test can reach it.
 */

/** The city's plan of 2022: collecting proposals, so its editors may change it. */
const PLAN_ID = 'city-2022';
const MAX_DOC_BYTES = 1024 * 1024;
/** How close to the limit the plan is filled before the editor types: less than what they paste. */
const HEADROOM_BYTES = 8 * 1024;
/** Notes of the filler topics: the most one topic's notes may hold. */
const FILLER_NOTES = 'x'.repeat(20_000);
/** The topic the editor writes in; added with the filler topics. */
const TOPIC = '听取和审议关于档案工作情况的报告';

let bed: BrowserTestBed;
let filler: PlanClient;
let editor: Page;

describe('the document size limit in Chromium', () => {
  beforeAll(async () => {
    bed = await startBrowserTestBed({ limits: { maxDocBytes: MAX_DOC_BYTES } });
    const admin = await signIn(bed.url, 'city.editor');
    const syncUrl = `${bed.url.replace('http', 'ws')}/yjs`;
    filler = await connectSynced(syncUrl, PLAN_ID, { token: await admin.syncToken() });
    const size = () => Y.encodeStateAsUpdate(filler.doc).byteLength;
    const topics = Math.floor((MAX_DOC_BYTES - HEADROOM_BYTES - size()) / (FILLER_NOTES.length + 200));
    filler.doc.transact(() => {
      addTopic(filler.doc, { title: TOPIC, month: 5 });
      for (let i = 0; i < topics; i++)
        addTopic(filler.doc, { title: `资料汇编 ${i + 1}`, notes: FILLER_NOTES });
    });
    await filler.drained();
    editor = await openPlanAs(bed, 'city.editor', PLAN_ID);
  });

  afterAll(async () => {
    filler?.close();
    await bed?.close();
  });

  it('tells the editor the plan reached its size limit and reopens it without the change', async () => {
    await card(editor, TOPIC).click();
    const notes = editor.getByTestId('topic-notes');
    const before = await notes.inputValue();
    await notes.fill('补充材料'.repeat(4_000));

    const toast = editor.locator('.ant-message-notice', { hasText: '文档已达到大小上限' });
    await toast.waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await toast.innerText()).toContain('您的修改未被保存');
    await editor.screenshot({ path: join(artifactsDir, 'limits-document-too-large.png') });

    // Reopened from the server: the drawer shows the notes without the refused text, and the document syncs again.
    await editor
      .locator('[data-testid="connection-status"][data-status="synced"]')
      .waitFor({ timeout: SYNC_TIMEOUT_MS });
    await expect
      .poll(() => editor.getByTestId('topic-notes').inputValue(), { timeout: SYNC_TIMEOUT_MS })
      .toBe(before);
    expect(bed.pageErrors).toEqual([]);
  });
});
