import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hasBearerToken, isLoopback } from './metricsRoute';

/** A request carrying only the given Authorization header. */
function withAuthorization(authorization?: string): IncomingMessage {
  return { headers: authorization === undefined ? {} : { authorization } } as IncomingMessage;
}

describe('metricsRoute access', () => {
  it('treats only the machine itself as loopback', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '192.168.1.127', '::ffff:10.0.0.1', '::2', 'unknown', '1127.0.0.1'])
      expect(isLoopback(address)).toBe(false);
  });

  it('accepts exactly the configured bearer token', () => {
    const token = 'metrics-token-0123456789';
    expect(hasBearerToken(withAuthorization(`Bearer ${token}`), token)).toBe(true);
    expect(hasBearerToken(withAuthorization(), token)).toBe(false);
    expect(hasBearerToken(withAuthorization(token), token)).toBe(false);
    expect(hasBearerToken(withAuthorization(`Bearer ${token}x`), token)).toBe(false);
    expect(hasBearerToken(withAuthorization(`Basic ${token}`), token)).toBe(false);
  });
});
