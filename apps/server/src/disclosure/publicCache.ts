import type { Response } from 'express';

/** Seconds a browser or proxy may reuse a public page or API answer without asking again. */
export const PUBLIC_MAX_AGE_SECONDS = 60;
/** Seconds a cache may serve a stale copy while it revalidates in the background. */
export const PUBLIC_STALE_SECONDS = 300;

/**
 * Marks a public answer cacheable by anyone: the same for every visitor (no session is read, no cookie
 * set). Express adds an ETag to what `send` answers and turns a matching If-None-Match into a 304.
 */
export function setPublicCache(response: Response): void {
  response.set(
    'Cache-Control',
    `public, max-age=${PUBLIC_MAX_AGE_SECONDS}, stale-while-revalidate=${PUBLIC_STALE_SECONDS}`,
  );
}
