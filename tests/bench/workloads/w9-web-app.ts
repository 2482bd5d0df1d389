import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@yipan/server';
import { CHROMIUM, CHROMIUM_ARGS, signedInContext } from '../support/chromium';
import { planState } from '../support/planContent';
import { launch, YIPAN_USER } from '../support/servers';
import { buildWebApp, initialLoad, type InitialLoad } from '../support/webBuild';
import {
  judgeAtMost,
  sized,
  type MeasurableWorkload,
  type Scale,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';

const TOPICS = 500;
const NOTES_CHARS = 200;
const PLAN_ID = 'bench-w9';
/** Longest the board may take to become interactive before the repetition fails. */
const TTI_TIMEOUT_MS = 60_000;
/** Kilobytes as the target is written (1,000 bytes). */
const KB = 1000;

/**
 * Time to interactive, measured inside the page from navigation start: every topic card is on the
 * board, the connection reports "synced", and the main thread has answered a frame and a task after
 * that (so a click would be handled).
 */
async function timeToInteractive(
  browser: Browser,
  baseUrl: string,
  topics: number,
): Promise<{ tti: number; synced: number }> {
  const context = await signedInContext(browser, baseUrl, YIPAN_USER, DEMO_PASSWORD);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/plans/${PLAN_ID}`, { waitUntil: 'commit' });
    await page.waitForFunction(
      (count) =>
        document.querySelectorAll('[data-testid="topic-card"]').length >= count &&
        document.querySelector('[data-testid="connection-status"][data-status="synced"]') !== null,
      topics,
      { polling: 'raf', timeout: TTI_TIMEOUT_MS },
    );
    const synced = await page.evaluate(() => performance.now());
    const tti = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
        ),
    );
    return { tti, synced };
  } finally {
    await context.close();
  }
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const topics = sized(context.scale, TOPICS);
  const outDir = join(context.dataDir, 'web');
  context.log('building the web app with Vite');
  const buildMs = await buildWebApp(outDir);
  const load: InitialLoad = initialLoad(outDir);
  const server = await launch(context, [{ planId: PLAN_ID, updates: [planState(topics, NOTES_CHARS, 9)] }], {
    YIPAN_WEB_DIST: outDir,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    rep: async () => {
      const baseUrl = server.httpUrl;
      if (!baseUrl) throw new Error('Yipan has no HTTP address');
      const { tti, synced } = await timeToInteractive(browser, baseUrl, topics);
      return {
        initialJsGzipKB: load.jsGzipBytes / KB,
        initialJsKB: load.jsBytes / KB,
        initialCssGzipKB: load.cssGzipBytes / KB,
        initialFiles: load.files.length,
        buildS: buildMs / 1000,
        boardSyncedMs: synced,
        ttiMs: tti,
      };
    },
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

function describe(scale: Scale): string {
  return `The web app built by Vite (\`vite build --manifest\`, production). Initial JS: the entry chunk and every chunk it imports statically, per the build manifest (what index.html loads before the app runs), gzipped with zlib's default level. Time to interactive: headless Chromium (\`/usr/bin/chromium\`, fresh browser context, signed in through the API) opens a plan of ${sized(scale, TOPICS)} topics served by Yipan on loopback; measured in the page from navigation start until all cards are on the board, the connection shows "synced" and the main thread has answered a frame and a task.`;
}

/** Workload 9: the web app's initial JS and time to an interactive 500-topic board (Yipan only). */
const workload: MeasurableWorkload = {
  id: 9,
  title: 'The web app',
  describe,
  kinds: ['yipan'],
  metrics: [
    { key: 'initialJsGzipKB', label: 'initial JS, gzip', unit: 'kB', decimals: 1 },
    { key: 'initialJsKB', label: 'initial JS, raw', unit: 'kB', decimals: 0 },
    { key: 'initialCssGzipKB', label: 'initial CSS, gzip', unit: 'kB', decimals: 1 },
    { key: 'initialFiles', label: 'initial JS files', unit: '', decimals: 0 },
    { key: 'boardSyncedMs', label: 'all cards shown and synced', unit: 'ms', decimals: 0 },
    { key: 'ttiMs', label: 'time to interactive board', unit: 'ms', decimals: 0 },
    { key: 'buildS', label: 'vite build', unit: 's', decimals: 1 },
  ],
  ratios: [],
  judge: (summary) => [
    judgeAtMost('initial JS (gzip)', summary.median('yipan', 'initialJsGzipKB'), 400, ' kB'),
    judgeAtMost('time to interactive, 500 topics', summary.median('yipan', 'ttiMs') / 1000, 1.5, ' s'),
  ],
  open,
};
export default workload;
