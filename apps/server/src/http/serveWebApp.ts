import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import express, { type Express } from 'express';
import { YJS_PATH_PREFIX } from '@yipan/protocol';

/** Vite's output folder of content-hashed files: a file there never changes under its name. */
const HASHED_ASSETS = `${sep}assets${sep}`;
/** A year, the longest a cache is asked to keep anything. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Path prefixes the single-page app never answers: the API, document sync and socket.io. */
const NON_APP_PREFIXES = ['/api/', YJS_PATH_PREFIX, '/socket.io/'];

function isAppPath(path: string): boolean {
  return path !== '/api' && !NON_APP_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Serves the built web app from `webDistDir` when it exists: its files, and `index.html` for any
 * other GET so that client-side routes survive a reload. Hashed assets are cached for good, so a
 * colleague opening the board every morning loads only `index.html` and the plan again; `index.html`
 * is always revalidated, so a new version is picked up at once. Returns whether the app is served.
 */
export function serveWebApp(app: Express, webDistDir: string | undefined): boolean {
  if (!webDistDir) return false;
  const indexFile = join(webDistDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  app.use(
    express.static(webDistDir, {
      index: false,
      setHeaders: (response, path) => {
        if (path.includes(HASHED_ASSETS)) response.setHeader('Cache-Control', IMMUTABLE);
      },
    }),
  );
  app.use((request, response, next) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isAppPath(request.path))
      response.sendFile(indexFile, { headers: { 'Cache-Control': 'no-cache' } });
    else next();
  });
  return true;
}
