import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorBody } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import { useTestServer } from '../support/useTestServer';

const INDEX_HTML = '<!doctype html><title>一盘棋</title><div id="root"></div>';
const SCRIPT = 'console.log("yipan")';

describeEachDialect('serving the web app', (dialect) => {
  let webDistDir: string;
  // Registered before the server's hooks: the build exists before it starts and is removed after it stops.
  beforeAll(async () => {
    webDistDir = await mkdtemp(join(tmpdir(), 'yipan-web-'));
    await mkdir(join(webDistDir, 'assets'));
    await writeFile(join(webDistDir, 'index.html'), INDEX_HTML);
    await writeFile(join(webDistDir, 'assets', 'app.js'), SCRIPT);
  });
  afterAll(async () => {
    await rm(webDistDir, { recursive: true, force: true });
  });
  const { running } = useTestServer(dialect, () => ({ webDistDir }));

  it('serves built files, falls back to index.html for app routes, and keeps /api JSON', async () => {
    const asset = await fetch(`${running().baseUrl}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(SCRIPT);
    // Hashed files are kept by the browser; the page itself is asked for again each time.
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    for (const path of ['/', '/plans/city-2021', '/orgs/county-1/board?group=month']) {
      const page = await fetch(`${running().baseUrl}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(await page.text(), path).toBe(INDEX_HTML);
      expect(page.headers.get('cache-control'), path).toBe('no-cache');
    }

    const api = await fetch(`${running().baseUrl}/api/no-such-endpoint`);
    expect(api.status).toBe(404);
    expect(ErrorBody.parse(await api.json()).error.code).toBe('not_found');
    expect((await fetch(`${running().baseUrl}/api/health`)).status).toBe(200);
  });
});
