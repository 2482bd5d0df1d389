import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkOrigin, clientIp, readCookie, type SecurityOptions } from './requestAuth';

const request = (headers: Record<string, string>, remoteAddress = '10.0.0.1') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const byHost: SecurityOptions = { publicOrigins: [], cookieSecure: 'auto', trustProxy: false };

describe('request authentication helpers', () => {
  it('reads one cookie', () => {
    expect(readCookie('a=1; yipan_session=abc%3D; b=2', 'yipan_session')).toBe('abc=');
    expect(readCookie('xyipan_session=1', 'yipan_session')).toBeNull();
    expect(readCookie(undefined, 'yipan_session')).toBeNull();
    expect(readCookie('yipan_session=%E0%A4%A', 'yipan_session')).toBeNull();
  });

  it('matches Origin, else Referer, against the Host header or the configured origins', () => {
    const host = { host: 'yipan.local:8080' };
    expect(checkOrigin(request({ ...host, origin: 'http://yipan.local:8080' }), byHost)).toBe('ok');
    expect(checkOrigin(request({ ...host, referer: 'http://yipan.local:8080/plans/x' }), byHost)).toBe('ok');
    expect(checkOrigin(request({ ...host, origin: 'http://evil.example' }), byHost)).toBe('mismatch');
    expect(checkOrigin(request({ ...host, origin: 'null' }), byHost)).toBe('mismatch');
    expect(checkOrigin(request(host), byHost)).toBe('missing');
    const configured = { ...byHost, publicOrigins: ['https://yipan.example.gov.cn'] };
    expect(checkOrigin(request({ ...host, origin: 'https://yipan.example.gov.cn' }), configured)).toBe('ok');
    expect(checkOrigin(request({ ...host, origin: 'http://yipan.local:8080' }), configured)).toBe('mismatch');
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy', () => {
    const forwarded = request({ 'x-forwarded-for': '203.0.113.7, 10.0.0.2' });
    expect(clientIp(forwarded, false)).toBe('10.0.0.1');
    expect(clientIp(forwarded, true)).toBe('203.0.113.7');
  });
});
