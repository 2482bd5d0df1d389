import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { SQLITE_FILE_NAME } from '@yipan/db';
import { AlignmentResponse } from '@yipan/protocol';
import { DEMO_PASSWORD } from '@yipan/server';
import { signIn, type SignedIn } from '../../support/signIn';
import {
  CHESSBOARD_CITY_PLAN,
  CHESSBOARD_COUNTY_PLAN,
  CHESSBOARD_USER,
  seedChessboard,
  type ChessboardSize,
} from '../support/chessboardContent';
import { CHROMIUM, CHROMIUM_ARGS, signedInContext } from '../support/chromium';
import { percentileOf } from '../support/histogram';
import { startServer } from '../support/servers';
import { buildWebApp } from '../support/webBuild';
import {
  judgeAtMost,
  ProductFailure,
  type MeasurableWorkload,
  type Scale,
  type TargetResult,
  type WorkloadContext,
  type WorkloadSession,
} from '../support/workload';

/** The size: 1 city × 20 counties × 100 topics each; a county × 15 townships. */
const FULL: ChessboardSize = { counties: 20, topics: 100, townships: 15, townshipTopics: 30 };
/** Quick runs check that the workload works at a size that seeds in a second or two. */
const QUICK: ChessboardSize = { counties: 5, topics: 20, townships: 5, townshipTopics: 10 };
/** Requests before timing: the server's first requests compile code paths and warm SQLite's page cache. */
const WARM_UP = 20;
/** Timed requests per matrix and repetition (sequential, one client: the time of one request, not throughput). */
const REQUESTS = { full: 200, quick: 40 };
/** Longest the page may take to show the matrix before the repetition fails. */
const RENDER_TIMEOUT_MS = 60_000;
const API_TARGET_MS = 50;
const RENDER_TARGET_S = 1;

const sizeOf = (scale: Scale) => (scale.quick ? QUICK : FULL);

/** Times `GET /api/plans/:id/alignment` (request sent to body read), after checking the matrix has the seeded shape. */
async function timeMatrix(
  user: SignedIn,
  planId: string,
  expected: { rows: number; columns: number },
  requests: number,
): Promise<{ p50: number; p99: number; bytes: number }> {
  const path = `/api/plans/${planId}/alignment`;
  const first = await user.fetch(path);
  if (first.status !== 200)
    throw new ProductFailure(`${path} answered ${first.status}: ${await first.text()}`);
  const body = await first.text();
  const { matrix } = AlignmentResponse.parse(JSON.parse(body));
  if (matrix.rows.length !== expected.rows || matrix.columns.length !== expected.columns)
    throw new ProductFailure(
      `${path} has ${matrix.rows.length} × ${matrix.columns.length} cells, seeded ${expected.rows} × ${expected.columns}`,
    );
  for (let index = 0; index < WARM_UP; index += 1) await (await user.fetch(path)).arrayBuffer();
  const times: number[] = [];
  for (let index = 0; index < requests; index += 1) {
    const started = performance.now();
    const response = await user.fetch(path);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return { p50: percentileOf(times, 50), p99: percentileOf(times, 99), bytes: Buffer.byteLength(body) };
}

/**
 * Time from navigation start until the matrix is on screen, measured in the page: the grid reports it was
 * committed to the DOM (MatrixGrid's render mark) with every cell, and the main thread has answered a
 * frame and a task after that (layout and paint done).
 */
async function timeRender(
  browser: Browser,
  baseUrl: string,
  planId: string,
  cells: number,
): Promise<{ requested: number; fetched: number; committed: number; shown: number }> {
  const context = await signedInContext(browser, baseUrl, CHESSBOARD_USER, DEMO_PASSWORD);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/plans/${planId}/alignment`, { waitUntil: 'commit' });
    // MatrixGrid stamps `data-rendered-at` (performance.now()) on its root when the grid reaches the DOM.
    const committed = await page.waitForFunction(
      (count) => {
        const grid = document.querySelector('[data-testid="alignment-matrix"]');
        const at = grid?.getAttribute('data-rendered-at');
        const cellsShown = grid?.querySelectorAll('[data-testid="alignment-cell"]').length ?? 0;
        return at && cellsShown >= count ? Number(at) : null;
      },
      cells,
      { polling: 'raf', timeout: RENDER_TIMEOUT_MS },
    );
    const committedAt = await committed.jsonValue();
    const shown = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
        ),
    );
    // When the page had the matrix's JSON: what comes before is the app starting, after it the grid rendering.
    const fetched = await page.evaluate(
      (path) =>
        performance
          .getEntriesByType('resource')
          .find((entry) => new URL(entry.name).pathname === path)
          ?.toJSON() as { startTime?: number; responseEnd?: number } | undefined,
      `/api/plans/${planId}/alignment`,
    );
    return {
      requested: fetched?.startTime ?? Number.NaN,
      fetched: fetched?.responseEnd ?? Number.NaN,
      committed: committedAt ?? Number.NaN,
      shown,
    };
  } finally {
    await context.close();
  }
}

async function open(context: WorkloadContext): Promise<WorkloadSession> {
  const size = sizeOf(context.scale);
  const requests = context.scale.quick ? REQUESTS.quick : REQUESTS.full;
  const outDir = join(context.dataDir, 'web');
  context.log('building the web app with Vite');
  await buildWebApp(outDir);
  context.log(
    `seeding 1 city × ${size.counties} counties × ${size.topics} topics, 1 county × ${size.townships} townships`,
  );
  await seedChessboard(join(context.dataDir, SQLITE_FILE_NAME), size);
  // The projection is empty in the seeded database: the server rebuilds it from the documents as it starts.
  const server = await startServer('yipan', context.dataDir, context.yipanNodeArgs, {
    YIPAN_WEB_DIST: outDir,
  });
  const baseUrl = server.httpUrl;
  if (!baseUrl) throw new Error('Yipan has no HTTP address');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    rep: async () => {
      const user = await signIn(baseUrl, CHESSBOARD_USER, DEMO_PASSWORD);
      const city = await timeMatrix(
        user,
        CHESSBOARD_CITY_PLAN,
        { rows: size.topics, columns: size.counties },
        requests,
      );
      const county = await timeMatrix(
        user,
        CHESSBOARD_COUNTY_PLAN,
        { rows: size.topics, columns: size.townships },
        requests,
      );
      const cityRender = await timeRender(
        browser,
        baseUrl,
        CHESSBOARD_CITY_PLAN,
        size.topics * size.counties,
      );
      const countyRender = await timeRender(
        browser,
        baseUrl,
        CHESSBOARD_COUNTY_PLAN,
        size.topics * size.townships,
      );
      return {
        cityApiP50Ms: city.p50,
        cityApiP99Ms: city.p99,
        cityResponseKB: city.bytes / 1000,
        countyApiP50Ms: county.p50,
        countyApiP99Ms: county.p99,
        countyResponseKB: county.bytes / 1000,
        cityRequestedMs: cityRender.requested,
        cityFetchedMs: cityRender.fetched,
        cityCommittedMs: cityRender.committed,
        cityShownMs: cityRender.shown,
        countyRequestedMs: countyRender.requested,
        countyFetchedMs: countyRender.fetched,
        countyCommittedMs: countyRender.committed,
        countyShownMs: countyRender.shown,
      };
    },
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

function describe(scale: Scale): string {
  const size = sizeOf(scale);
  return `Yipan only: the peers (the y-websocket reference server and Hocuspocus) sync documents and have no alignment matrix to compare. Seeded into a fresh SQLite database before the server starts, built with @yipan/domain's accessors: a city plan of ${size.topics} topics, every one joint with an expectation of each of ${size.counties} counties; each county plan of ${size.topics} topics adopts about 60 % of the city's and declines about 10 %, its adopted topics with steps in mixed states and, for about 30 %, three rectification items at mixed stages; the first county makes about half its topics joint for its ${size.townships} townships, whose plans of ${size.townshipTopics} topics answer the same way. The server rebuilds its projection from the documents as it starts. API: one signed-in client requests \`GET /api/plans/:id/alignment\` ${WARM_UP} times to warm up, then ${scale.quick ? REQUESTS.quick : REQUESTS.full} times in sequence (time from sending to the body read, loopback). Render: headless Chromium (fresh context, signed in through the API) opens \`/plans/<id>/alignment\`; "requested" and "JSON received" are the start and end of the page's own matrix request (resource timing), "committed" the grid's own render mark, "shown" the first frame and task after every cell is in the DOM, all from navigation start.`;
}

const peersHaveNoMatrix: TargetResult = {
  target: 'the same matrix on the peers',
  value: 'no such feature (sync servers only)',
  met: null,
};

/** Workload 7: the alignment matrix, city × 20 counties × 100 topics and county × 15 townships (Yipan only). */
const workload: MeasurableWorkload = {
  id: 7,
  title: 'Alignment matrix',
  describe,
  kinds: ['yipan'],
  metrics: [
    { key: 'cityApiP50Ms', label: 'city × counties: API p50', unit: 'ms', decimals: 1 },
    { key: 'cityApiP99Ms', label: 'city × counties: API p99', unit: 'ms', decimals: 1 },
    { key: 'cityResponseKB', label: 'city × counties: response size', unit: 'kB', decimals: 0 },
    { key: 'countyApiP50Ms', label: 'county × townships: API p50', unit: 'ms', decimals: 1 },
    { key: 'countyApiP99Ms', label: 'county × townships: API p99', unit: 'ms', decimals: 1 },
    { key: 'countyResponseKB', label: 'county × townships: response size', unit: 'kB', decimals: 0 },
    {
      key: 'cityRequestedMs',
      label: 'city × counties: matrix requested by the page',
      unit: 'ms',
      decimals: 0,
    },
    {
      key: 'cityFetchedMs',
      label: 'city × counties: matrix JSON received in the page',
      unit: 'ms',
      decimals: 0,
    },
    { key: 'cityCommittedMs', label: 'city × counties: grid committed', unit: 'ms', decimals: 0 },
    { key: 'cityShownMs', label: 'city × counties: matrix shown', unit: 'ms', decimals: 0 },
    {
      key: 'countyRequestedMs',
      label: 'county × townships: matrix requested by the page',
      unit: 'ms',
      decimals: 0,
    },
    {
      key: 'countyFetchedMs',
      label: 'county × townships: matrix JSON received in the page',
      unit: 'ms',
      decimals: 0,
    },
    { key: 'countyCommittedMs', label: 'county × townships: grid committed', unit: 'ms', decimals: 0 },
    { key: 'countyShownMs', label: 'county × townships: matrix shown', unit: 'ms', decimals: 0 },
  ],
  ratios: [],
  judge: (summary) => [
    judgeAtMost(
      'matrix API p50, city × 20 counties × 100 topics',
      summary.median('yipan', 'cityApiP50Ms'),
      API_TARGET_MS,
      ' ms',
    ),
    judgeAtMost(
      'matrix API p50, county × 15 townships',
      summary.median('yipan', 'countyApiP50Ms'),
      API_TARGET_MS,
      ' ms',
    ),
    judgeAtMost(
      'matrix shown in Chromium, city × 20 counties',
      summary.median('yipan', 'cityShownMs') / 1000,
      RENDER_TARGET_S,
      ' s',
    ),
    judgeAtMost(
      'matrix shown in Chromium, county × 15 townships',
      summary.median('yipan', 'countyShownMs') / 1000,
      RENDER_TARGET_S,
      ' s',
    ),
    peersHaveNoMatrix,
  ],
  open,
};
export default workload;
