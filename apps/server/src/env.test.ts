import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 8080, DATA_DIR: './data', YIPAN_DEMO: true, LOG_LEVEL: 'info' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.YIPAN_WEB_DIST).toMatch(/apps\/web\/dist$/);
  });

  it('reads PostgreSQL, Redis, the port and the demo switch; empty means unset', () => {
    const env = parseEnv({
      PORT: '0',
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      YIPAN_DEMO: '0',
      DATA_DIR: '',
    });
    expect(env).toMatchObject({
      PORT: 0,
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      YIPAN_DEMO: false,
    });
    expect(env.DATA_DIR).toBe('./data');
  });

  it('refuses Redis without PostgreSQL: several processes need one shared database', () => {
    expect(() => parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
    const env = parseEnv({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(env).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'yipan' });
    expect(() =>
      parseEnv({ DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h:6379', REDIS_PREFIX: 'a b' }),
    ).toThrow(/REDIS_PREFIX/);
  });

  it('reads the security settings', () => {
    const env = parseEnv({
      SESSION_SECRET: 'x'.repeat(40),
      PUBLIC_ORIGIN: 'https://yipan.example.gov.cn/, http://10.0.0.5:8080',
      COOKIE_SECURE: '1',
      TRUST_PROXY: 'yes',
    });
    expect(env).toMatchObject({
      PUBLIC_ORIGIN: ['https://yipan.example.gov.cn', 'http://10.0.0.5:8080'],
      COOKIE_SECURE: true,
      TRUST_PROXY: true,
    });
    expect(parseEnv({}).COOKIE_SECURE).toBe('auto');
    expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });

  it('reads the metrics token, refusing a guessable one', () => {
    expect(parseEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ METRICS_TOKEN: 'm'.repeat(32) }).METRICS_TOKEN).toBe('m'.repeat(32));
    expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('keeps per-user limits on unless USER_LIMITS=0 (the benchmark) turns them off', () => {
    expect(parseEnv({}).USER_LIMITS).toBe(true);
    expect(parseEnv({ USER_LIMITS: '0' }).USER_LIMITS).toBe(false);
    expect(() => parseEnv({ USER_LIMITS: 'off-please' })).toThrow(/USER_LIMITS/);
  });

  it('names every bad variable', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', YIPAN_DEMO: 'maybe' })).toThrow(
      /PORT.*DATABASE_URL.*YIPAN_DEMO/,
    );
  });
});
