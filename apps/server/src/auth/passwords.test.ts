import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('hashes with a fresh salt and its parameters, and verifies only the right password', async () => {
    const first = await hashPassword('yipan-demo');
    const second = await hashPassword('yipan-demo');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('yipan-demo', first)).toBe(true);
    expect(await verifyPassword('yipan-demo ', first)).toBe(false);
    expect(await verifyPassword('Yipan-demo', second)).toBe(false);
  });

  it('never matches a malformed or hostile stored hash', async () => {
    const valid = await hashPassword('secret-2021');
    const [, , r, p, salt, key] = valid.split('$');
    for (const stored of [
      '',
      'plain',
      `bcrypt$1$${salt}`,
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`,
      `scrypt$x$8$1$${salt}$${key}`,
    ])
      expect(await verifyPassword('secret-2021', stored), stored).toBe(false);
  });

  it('keeps a dummy hash for unknown users that no password matches', async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toBe(await dummyPasswordHash());
    expect(await verifyPassword('yipan-demo', dummy)).toBe(false);
  });
});
