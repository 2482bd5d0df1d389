import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { YJS_PATH_PREFIX } from '@yipan/protocol';

/** Path prefixes the single-page app never answers: the API, document sync and socket.io. */
const NON_APP_PREFIXES = ['/api/', YJS_PATH_PREFIX, '/socket.io/'];

function isAppPath(path: string): boolean {
  return path !== '/api' && !NON_APP_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Serves the built web app from `webDistDir` when it exists: its files, and `index.html` for any
 * other GET so that client-side routes survive a reload. Returns whether the app is served.
 */
export function serveWebApp(app: Express, webDistDir: string | undefined): boolean {
  if (!webDistDir) return false;
  const indexFile = join(webDistDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  app.use(express.static(webDistDir, { index: false }));
  app.use((request, response, next) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isAppPath(request.path))
      response.sendFile(indexFile);
    else next();
  });
  return true;
}
