import { CSRF_HEADER, MeResponse, SESSION_COOKIE, SyncTokenResponse } from '@yipan/protocol';

/** Password of the demo accounts and of the accounts tests create. */
export const TEST_PASSWORD = 'yipan-demo';

/** A signed-in HTTP client: its session cookie, CSRF token and identity, and helpers that send them. */
export type SignedIn = {
  baseUrl: string;
  cookie: string;
  me: MeResponse;
  /** A fetch with the cookie; mutations also carry our Origin and the CSRF token, as the web app sends them. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A fresh sync token from `POST /api/sync-token`. */
  syncToken(): Promise<string>;
};

/** The `name=value` of the session cookie in a response, or null. */
export function sessionCookieOf(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair?.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1) return pair;
  }
  return null;
}

/** Wraps a session cookie into a SignedIn client. */
export function signedInClient(baseUrl: string, cookie: string, me: MeResponse): SignedIn {
  const origin = new URL(baseUrl).origin;
  const client: SignedIn = {
    baseUrl,
    cookie,
    me,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      const method = (init.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        if (!headers.has('origin')) headers.set('origin', origin);
        if (!headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, me.csrfToken);
        if (init.body !== undefined && !headers.has('content-type'))
          headers.set('content-type', 'application/json');
      }
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
    syncToken: async () => {
      const response = await client.fetch('/api/sync-token', { method: 'POST' });
      if (response.status !== 200)
        throw new Error(`sync token refused: ${response.status} ${await response.text()}`);
      return SyncTokenResponse.parse(await response.json()).token;
    },
  };
  return client;
}

/** Signs in through `POST /api/auth/login` and returns the signed-in client; throws when refused. */
export async function signIn(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} refused: ${response.status}`);
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error(`sign-in of ${username} set no session cookie`);
  return signedInClient(baseUrl, cookie, MeResponse.parse(await response.json()));
}
