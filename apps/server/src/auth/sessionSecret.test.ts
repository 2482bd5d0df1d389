import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSessionSecret, SESSION_SECRET_FILE } from './sessionSecret';

describe('loadSessionSecret', () => {
  it('prefers the environment, else generates one secret kept in DATA_DIR with mode 0600', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yipan-secret-'));
    try {
      expect(await loadSessionSecret({ fromEnv: 'from-env', dataDir })).toBe('from-env');
      const generated = await loadSessionSecret({ dataDir });
      expect(generated.length).toBeGreaterThanOrEqual(32);
      expect(await loadSessionSecret({ dataDir })).toBe(generated);
      expect((await stat(join(dataDir, SESSION_SECRET_FILE))).mode & 0o777).toBe(0o600);
      await writeFile(join(dataDir, SESSION_SECRET_FILE), 'short');
      await expect(loadSessionSecret({ dataDir })).rejects.toThrow(/no usable secret/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
