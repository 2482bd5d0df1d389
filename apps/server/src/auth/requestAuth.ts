import type { IncomingMessage } from 'node:http';

/** How the server checks where browser requests come from and how it sets its cookie. */
export type SecurityOptions = {
  /**
   * The origins the app is served from (e.g. `https://yipan.example.gov.cn`). When empty, a request's
   * own Host header is its origin, which suits a server reached directly under one name.
   */
  publicOrigins: readonly string[];
  /** Secure cookies: always, never, or `auto` (when the request came over https, as Express sees it). */
  cookieSecure: boolean | 'auto';
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of the server. */
  trustProxy: boolean;
};

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** The caller's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  if (trustProxy && first) return first;
  return request.socket.remoteAddress ?? 'unknown';
}

/** The origin a request claims: its Origin header, else the origin of its Referer; null when neither. */
function claimedOrigin(request: IncomingMessage): string | null {
  const origin = request.headers.origin;
  if (origin) return origin;
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/**
 * Whether a request comes from the server's own origin: `missing` when it names none (non-browser
 * clients), `mismatch` when it names another.
 */
export function checkOrigin(
  request: IncomingMessage,
  options: SecurityOptions,
): 'ok' | 'missing' | 'mismatch' {
  const claimed = claimedOrigin(request);
  if (claimed === null) return 'missing';
  let parsed: URL;
  try {
    parsed = new URL(claimed);
  } catch {
    return 'mismatch';
  }
  if (options.publicOrigins.length > 0)
    return options.publicOrigins.some((allowed) => allowed === parsed.origin) ? 'ok' : 'mismatch';
  return request.headers.host !== undefined && parsed.host === request.headers.host ? 'ok' : 'mismatch';
}
