import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File in DATA_DIR that keeps the generated secret across restarts. */
export const SESSION_SECRET_FILE = 'session-secret';
/** Bytes of a generated secret: 256 bits. */
const SECRET_BYTES = 32;
/** Shortest secret accepted from a file, so a truncated file is noticed instead of used. */
export const MIN_SESSION_SECRET_LENGTH = 32;
/** Owner read/write only: the secret signs sync tokens and CSRF tokens. */
const SECRET_FILE_MODE = 0o600;

/**
 * The secret that signs sync and CSRF tokens: SESSION_SECRET when set, else the one kept in
 * `DATA_DIR/session-secret`, generated (mode 0600) on first start.
 */
export async function loadSessionSecret(options: {
  fromEnv?: string | undefined;
  dataDir: string;
}): Promise<string> {
  if (options.fromEnv) return options.fromEnv;
  const file = join(options.dataDir, SESSION_SECRET_FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= MIN_SESSION_SECRET_LENGTH) return existing;
    throw new Error(
      `${file} 中没有可用的密钥，删除它即可重新生成 / ${file} holds no usable secret; remove it to generate a new one`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  // 'wx': never overwrite a secret another process wrote meanwhile; read theirs instead.
  try {
    await writeFile(file, `${secret}\n`, { mode: SECRET_FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSessionSecret(options);
    throw error;
  }
  await chmod(file, SECRET_FILE_MODE);
  return secret;
}
