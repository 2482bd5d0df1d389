import { ErrorBody } from '@yipan/protocol';
import { ApiError, NETWORK_ERROR } from '../api/fetchJson';

/** `filename*=UTF-8''…` (RFC 5987), which the server always sends for names in Chinese. */
const EXTENDED_FILENAME = /filename\*=UTF-8''([^;]+)/i;
/** How long a downloaded blob is kept: a slow disk or a save dialog may still be reading it after the click. */
const BLOB_LIFETIME_MS = 60_000;
/** The plain `filename="…"` fallback. */
const PLAIN_FILENAME = /filename="([^"]+)"/i;

/** The file name a download's Content-Disposition gives (the UTF-8 one first), or `fallback`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = EXTENDED_FILENAME.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  return PLAIN_FILENAME.exec(disposition)?.[1] ?? fallback;
}

/**
 * Fetches a file the server generates and hands it to the browser as a download under the server's name.
 * Fetching first (rather than following a link) lets a refusal show as a message instead of a downloaded
 * error page; it throws an ApiError with the server's code. Resolves the file name.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = ErrorBody.safeParse(await response.json().catch(() => null));
    throw body.success
      ? new ApiError(response.status, body.data.error.code, body.data.error.message)
      : new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
  }
  const name = filenameOf(response.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), BLOB_LIFETIME_MS);
  return name;
}
