import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { databaseErrorCode, isDatabaseUnavailable } from './databaseUnavailable';

/** A port nothing listens on: connecting to it is refused at once, like a stopped PostgreSQL. */
const CLOSED_URL = 'postgres://yipan@127.0.0.1:1/yipan';
/** Seconds postgres-js may spend on the refused connection. */
const CONNECT_TIMEOUT_S = 5;

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it('recognises a stopped PostgreSQL through postgres-js and through drizzle, and names its code', async () => {
    const client = postgres(CLOSED_URL, { max: 1, connect_timeout: CONNECT_TIMEOUT_S });
    try {
      const raw = await client`select 1`.then(
        () => null,
        (error: unknown) => error,
      );
      const wrapped = await drizzle({ client })
        .execute(sql`select 1`)
        .then(
          () => null,
          (error: unknown) => error,
        );
      // drizzle's "Failed query: …" carries the driver's error as its cause.
      expect(String(wrapped)).toMatch(/Failed query/);
      for (const error of [raw, wrapped]) {
        expect(isDatabaseUnavailable(error)).toBe(true);
        expect(databaseErrorCode(error)).toBe('ECONNREFUSED');
      }
    } finally {
      await client.end();
    }
  });

  it('recognises a server shutting down or starting, and SQLite being locked or out of disk', () => {
    for (const code of [
      '57P01',
      '57P03',
      '08006',
      'CONNECTION_CLOSED',
      'SQLITE_BUSY',
      'SQLITE_IOERR_WRITE',
      'SQLITE_FULL',
    ])
      expect(isDatabaseUnavailable(withCode('unavailable', code)), code).toBe(true);
    const both = new AggregateError([withCode('v6', 'ECONNREFUSED'), withCode('v4', 'ECONNREFUSED')]);
    expect(isDatabaseUnavailable(both)).toBe(true);
  });

  it('does not take a refused query for an outage: retrying it would never succeed', () => {
    for (const code of ['23505', '42P01', 'P0001', 'SQLITE_CONSTRAINT', 'CONNECTION_ENDED'])
      expect(isDatabaseUnavailable(withCode('refused', code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: withCode('unique', '23505') }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('a bug'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
