import { expect, it } from 'vitest';
import { planDocName } from '@yipan/domain';
import {
  CloseCode,
  CSRF_HEADER,
  ErrorBody,
  ErrorCode,
  MeResponse,
  SESSION_COOKIE,
  SyncTokenResponse,
} from '@yipan/protocol';
import {
  ACCOUNT_FAILURE_LIMIT,
  IP_FAILURE_LIMIT,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SYNC_TOKEN_TTL_MS,
} from '@yipan/server';
import { connectBoardSocket } from '../support/boardSocket';
import { docUrl } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import { probeDoc } from '../support/rawSocket';
import { sessionCookieOf, signedInClient, TEST_PASSWORD } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';

const DOC = planDocName('county-1-2021');
const MINUTE_MS = 60_000;
const FOREIGN_ORIGIN = 'https://evil.example';

/** A stack trace would show file paths and "at …" frames. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\.ts:\d+/);
}

/** Reads an error response: status, stable code, message, and that it leaks no stack. */
async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const text = await response.text();
  expectNoStack(text);
  const { error } = ErrorBody.parse(JSON.parse(text));
  return { status: response.status, code: error.code, message: error.message };
}

describeEachDialect('sign-in, sessions, tokens, CSRF and origins', (dialect) => {
  /** The server's clock runs this far ahead of the real one (sessions, tokens and rate limits read it). */
  let clockOffset = 0;
  /** Each test signs in from its own address (the server trusts X-Forwarded-For here) so rate limits do not mix. */
  let nextAddress = 1;
  const newAddress = () => `198.51.100.${nextAddress++}`;

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running().baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress(), ...headers },
      body: JSON.stringify(body),
    });

  const { running } = useTestServer(dialect, {
    now: () => Date.now() + clockOffset,
    security: { trustProxy: true },
  });

  it('signs in with an httpOnly, SameSite=Lax cookie and answers /api/me; signs out', async () => {
    const response = await login({ username: 'county.editor', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(new RegExp(`${SESSION_COOKIE}=[^;]+;`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const me = MeResponse.parse(await response.json());
    expect(me.user).toEqual({
      id: 'user-county-editor',
      username: 'county.editor',
      displayName: '示范县人大办 孙丽',
    });
    expect(me.memberships).toEqual([{ orgId: 'county-1', role: 'editor' }]);
    const cookie = sessionCookieOf(response);
    if (!cookie) throw new Error('no cookie');
    const client = signedInClient(running().baseUrl, cookie, me);
    expect(MeResponse.parse(await (await client.fetch('/api/me')).json()).csrfToken).toBe(me.csrfToken);

    // The database keeps only a hash of the cookie's token.
    const token = decodeURIComponent(cookie.split('=')[1] ?? '');
    const stored = await running().server.db.sessions.get(me.sessionId);
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.tokenHash).not.toContain(token);

    expect((await client.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await errorOf(await client.fetch('/api/me'))).toMatchObject({
      status: 401,
      code: ErrorCode.sessionRevoked,
    });
  });

  it('refuses a wrong password and an unknown user alike, and signed-out calls with 401', async () => {
    const wrong = await errorOf(await login({ username: 'county.editor', password: 'not-the-password' }));
    const unknown = await errorOf(await login({ username: 'nobody.here', password: 'not-the-password' }));
    expect(wrong).toEqual({ status: 401, code: ErrorCode.invalidCredentials, message: wrong.message });
    expect(unknown).toEqual(wrong);
    expect(wrong.message).toMatch(/用户名或密码错误 \/ Wrong username or password/);
    expect(await errorOf(await login({ username: 'county.editor' }))).toMatchObject({
      status: 400,
      code: ErrorCode.badRequest,
    });
    expect(await errorOf(await fetch(`${running().baseUrl}/api/me`))).toMatchObject({
      status: 401,
      code: ErrorCode.unauthenticated,
    });
    const forged = signedInClient(running().baseUrl, `${SESSION_COOKIE}=forged`, running().editor.me);
    expect(await errorOf(await forged.fetch('/api/me'))).toMatchObject({
      status: 401,
      code: ErrorCode.unauthenticated,
    });
  });

  it('rate-limits failed sign-ins per account, with a clear message and Retry-After', async () => {
    const address = newAddress();
    const attempt = (password: string) =>
      login({ username: 'city.viewer', password }, { 'x-forwarded-for': address });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT.max; i++)
      expect((await attempt('wrong-password')).status).toBe(401);
    // Even the right password is refused while the account is limited, from any address.
    for (const response of [
      await attempt(TEST_PASSWORD),
      await login({ username: 'city.viewer', password: TEST_PASSWORD }),
    ]) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      const error = await errorOf(response);
      expect(error).toMatchObject({ status: 429, code: ErrorCode.tooManyAttempts });
      expect(error.message).toMatch(
        /请 \d+ 分钟后再试 \/ Too many failed sign-ins; try again in \d+ minutes?/,
      );
    }
    // Once the window has passed, the account signs in again.
    clockOffset += ACCOUNT_FAILURE_LIMIT.windowMs;
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });

  it('rate-limits failed sign-ins per address across accounts', async () => {
    const address = newAddress();
    for (let i = 0; i < IP_FAILURE_LIMIT.max; i++)
      expect(
        (await login({ username: `sprayed.${i}`, password: 'x' }, { 'x-forwarded-for': address })).status,
      ).toBe(401);
    const blocked = await login(
      { username: 'county.admin', password: TEST_PASSWORD },
      { 'x-forwarded-for': address },
    );
    expect((await errorOf(blocked)).code).toBe(ErrorCode.tooManyAttempts);
    expect((await login({ username: 'county.admin', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('requires the CSRF token and our own Origin on cookie-authenticated changes', async () => {
    const client = await running().signIn('county.admin');
    const post = (headers: Record<string, string>) =>
      fetch(`${running().baseUrl}/api/sync-token`, {
        method: 'POST',
        headers: { cookie: client.cookie, ...headers },
      });
    const origin = new URL(running().baseUrl).origin;
    expect(await errorOf(await post({ origin }))).toMatchObject({ status: 403, code: ErrorCode.csrfFailed });
    expect(await errorOf(await post({ origin, [CSRF_HEADER]: 'forged' }))).toMatchObject({
      status: 403,
      code: ErrorCode.csrfFailed,
    });
    expect(
      await errorOf(await post({ origin: FOREIGN_ORIGIN, [CSRF_HEADER]: client.me.csrfToken })),
    ).toMatchObject({
      status: 403,
      code: ErrorCode.originMismatch,
    });
    expect(await errorOf(await post({ [CSRF_HEADER]: client.me.csrfToken }))).toMatchObject({
      status: 403,
      code: ErrorCode.originMismatch,
    });
    // A Referer of our own origin stands in for a missing Origin.
    const viaReferer = await post({
      referer: `${origin}/plans/county-1-2021`,
      [CSRF_HEADER]: client.me.csrfToken,
    });
    expect(viaReferer.status).toBe(200);
    expect(SyncTokenResponse.parse(await viaReferer.json()).token).toMatch(/^v1\./);
    // Another session's CSRF token does not fit this session.
    expect(await errorOf(await post({ origin, [CSRF_HEADER]: running().editor.me.csrfToken }))).toMatchObject(
      {
        code: ErrorCode.csrfFailed,
      },
    );
    // Sign-in checks the Origin when a browser sends one.
    expect(
      await errorOf(
        await login({ username: 'county.admin', password: TEST_PASSWORD }, { origin: FOREIGN_ORIGIN }),
      ),
    ).toMatchObject({ status: 403, code: ErrorCode.originMismatch });
  });

  it('authenticates /yjs by cookie only with our Origin, and by a signed, unexpired sync token', async () => {
    const client = await running().signIn('county.editor');
    const origin = new URL(running().baseUrl).origin;
    const url = docUrl(running().syncUrl, DOC, {}, null);
    const byCookie = await probeDoc(url, { cookie: client.cookie, origin });
    expect(byCookie.accepted).toBe(true);
    if (byCookie.accepted) byCookie.socket.close();
    expect(await probeDoc(url, { cookie: client.cookie, origin: FOREIGN_ORIGIN })).toEqual({
      accepted: false,
      code: CloseCode.forbidden,
    });
    expect(await probeDoc(url, { cookie: client.cookie })).toEqual({
      accepted: false,
      code: CloseCode.forbidden,
    });
    expect(await probeDoc(url)).toEqual({ accepted: false, code: CloseCode.unauthenticated });

    const token = await client.syncToken();
    const byToken = await probeDoc(docUrl(running().syncUrl, DOC, {}, token));
    expect(byToken.accepted).toBe(true);
    if (byToken.accepted) byToken.socket.close();
    const [version, sessionId, expires, signature] = token.split('.');
    const forgeries = [
      `${version}.${sessionId}.${Number(expires) + 3_600_000}.${signature}`,
      `${version}.${running().editor.me.sessionId}.${expires}.${signature}`,
      `${version}.${sessionId}.${expires}.${'A'.repeat(signature?.length ?? 43)}`,
      'not-a-token',
    ];
    for (const forged of forgeries)
      expect(await probeDoc(docUrl(running().syncUrl, DOC, {}, forged)), forged).toEqual({
        accepted: false,
        code: CloseCode.unauthenticated,
      });
    const refused = await connectBoardSocket(running().baseUrl, { token: forgeries[0] });
    expect(refused).toEqual({ ok: false, code: ErrorCode.unauthenticated });

    clockOffset += SYNC_TOKEN_TTL_MS + MINUTE_MS;
    expect(await probeDoc(docUrl(running().syncUrl, DOC, {}, token))).toEqual({
      accepted: false,
      code: CloseCode.unauthenticated,
    });
  });

  it('authenticates socket.io by cookie only with our Origin', async () => {
    const client = await running().signIn('county.editor');
    const origin = new URL(running().baseUrl).origin;
    const good = await connectBoardSocket(running().baseUrl, { cookie: client.cookie, origin });
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(await good.socket.emitWithAck('plan:watch', { planId: 'county-1-2021' })).toEqual({ ok: true });
      good.socket.disconnect();
    }
    expect(
      await connectBoardSocket(running().baseUrl, { cookie: client.cookie, origin: FOREIGN_ORIGIN }),
    ).toEqual({
      ok: false,
      code: ErrorCode.originMismatch,
    });
    expect(await connectBoardSocket(running().baseUrl)).toEqual({
      ok: false,
      code: ErrorCode.unauthenticated,
    });
  });

  it('sends security headers with a CSP the built web app satisfies', async () => {
    const response = await fetch(`${running().baseUrl}/api/health`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  // Last: it moves the clock far ahead, which ends every session of this server.
  it('ends sessions after the idle limit and after the absolute limit', async () => {
    const idle = await running().signIn('city.editor');
    const active = await running().signIn('city.viewer');
    const step = SESSION_IDLE_MS - MINUTE_MS;
    clockOffset += step;
    expect((await active.fetch('/api/me')).status).toBe(200);
    clockOffset += 2 * MINUTE_MS;
    expect(await errorOf(await idle.fetch('/api/me'))).toMatchObject({
      status: 401,
      code: ErrorCode.sessionExpired,
    });
    // Used just inside each idle period, a session still ends at the absolute limit.
    for (let elapsed = step + 2 * MINUTE_MS; elapsed < SESSION_ABSOLUTE_MS; elapsed += step) {
      expect((await active.fetch('/api/me')).status).toBe(200);
      clockOffset += step;
    }
    expect(await errorOf(await active.fetch('/api/me'))).toMatchObject({
      status: 401,
      code: ErrorCode.sessionExpired,
    });
  });
});
