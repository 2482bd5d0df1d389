import { describe, expect, it } from 'vitest';
import { csrfTokenFor, randomId, readSyncToken, safeEqual, sha256Hex, signSyncToken } from './tokens';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('tokens', () => {
  it('signs sync tokens bound to a session that expire and cannot be altered', () => {
    const token = signSyncToken(SECRET, 'ses-1', 2_000);
    expect(readSyncToken(SECRET, token, 1_000)).toEqual({ ok: true, sessionId: 'ses-1' });
    expect(readSyncToken(SECRET, token, 2_000)).toEqual({ ok: false, reason: 'expired' });
    expect(readSyncToken('another-secret-of-thirty-two-characters', token, 1_000)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const [version, , expires, signature] = token.split('.');
    expect(readSyncToken(SECRET, `${version}.ses-2.${expires}.${signature}`, 1_000).ok).toBe(false);
    expect(readSyncToken(SECRET, `${version}.ses-1.9999.${signature}`, 1_000).ok).toBe(false);
    expect(readSyncToken(SECRET, 'garbage', 1_000)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('derives a CSRF token per session, hashes tokens and makes URL-safe ids', () => {
    expect(csrfTokenFor(SECRET, 'ses-1')).not.toBe(csrfTokenFor(SECRET, 'ses-2'));
    expect(csrfTokenFor(SECRET, 'ses-1')).toBe(csrfTokenFor(SECRET, 'ses-1'));
    expect(sha256Hex('token')).toMatch(/^[0-9a-f]{64}$/);
    expect(randomId('org')).toMatch(/^org-[A-Za-z0-9]{16,}$/);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
