import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'apps', 'web');

/**
 * Vitest's global setup of the browser suites: builds the web app as production serves it
 * (`apps/web/dist`) once per run, before any spec file starts its server on it.
 */
export default function buildWebApp(): void {
  execFileSync(
    process.execPath,
    [join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: webDir,
      // Vitest sets NODE_ENV=test, which would give a development build of React and antd.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    },
  );
}
