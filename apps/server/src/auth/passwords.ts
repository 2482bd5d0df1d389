import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with node:crypto's scrypt. A stored hash names its parameters and salt
 * (`scrypt$N$r$p$salt$hash`, base64url), so parameters can be raised later without breaking old hashes.
 */

/** CPU/memory cost: 2^15 takes ~50 ms and 32 MiB here, OWASP's floor for scrypt. */
const SCRYPT_N = 2 ** 15;
/** Block size, the standard 8. */
const SCRYPT_R = 8;
/** Parallelism, the standard 1. */
const SCRYPT_P = 1;
/** Derived key length in bytes: 256 bits. */
const KEY_LENGTH = 32;
/** Salt length in bytes: 128 bits, unique per hash. */
const SALT_LENGTH = 16;
/** Highest cost a stored hash may ask for, so a tampered row cannot make verification eat the server. */
const MAX_STORED_N = 2 ** 20;
/** scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default. */
const maxmemFor = (n: number, r: number) => 128 * n * r * 2;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: maxmemFor(n, r) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password with a fresh salt; the result carries its parameters. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  return ['scrypt', SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Whether a password matches a stored hash, compared in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, nText, rText, pText, saltText, keyText] = stored.split('$');
  const [n, r, p] = [Number(nText), Number(rText), Number(pText)];
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
  if (
    ![n, r, p].every(Number.isSafeInteger) ||
    n < 2 ||
    n > MAX_STORED_N ||
    r < 1 ||
    r > 32 ||
    p < 1 ||
    p > 16
  )
    return false;
  const expected = Buffer.from(keyText, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, Buffer.from(saltText, 'base64url'), n, r, p);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;

/**
 * A valid hash of a random password, verified against when the username is unknown, so that an unknown
 * user costs the same scrypt work as a wrong password and timing does not reveal which usernames exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(SALT_LENGTH).toString('base64url'));
  return dummyHash;
}
