import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorBody } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import { startServer, type TestServer } from '../support/startServer';

const INDEX_HTML = '<!doctype html><title>一盘棋</title><div id="root"></div>';
const SCRIPT = 'console.log("yipan")';

describeEachDialect('serving the web app', (dialect) => {
  let running: TestServer;
  let webDistDir: string;

  beforeAll(async () => {
    webDistDir = await mkdtemp(join(tmpdir(), 'yipan-web-'));
    await mkdir(join(webDistDir, 'assets'));
    await writeFile(join(webDistDir, 'index.html'), INDEX_HTML);
    await writeFile(join(webDistDir, 'assets', 'app.js'), SCRIPT);
    running = await startServer(dialect, { webDistDir });
  });
  afterAll(async () => {
    await running?.stop();
    await rm(webDistDir, { recursive: true, force: true });
  });

  it('serves built files, falls back to index.html for app routes, and keeps /api JSON', async () => {
    const asset = await fetch(`${running.baseUrl}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(SCRIPT);

    for (const path of ['/', '/plans/city-2021', '/orgs/county-1/board?group=month']) {
      const page = await fetch(`${running.baseUrl}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(await page.text(), path).toBe(INDEX_HTML);
    }

    const api = await fetch(`${running.baseUrl}/api/no-such-endpoint`);
    expect(api.status).toBe(404);
    expect(ErrorBody.parse(await api.json()).error.code).toBe('not_found');
    expect((await fetch(`${running.baseUrl}/api/health`)).status).toBe(200);
  });
});
