import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Import-direction rules of STYLE.md: web never imports server or db; domain and protocol import no app; only db knows Drizzle. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noApps = {
  group: ['@yipan/server', '@yipan/web', '**/apps/**'],
  message: 'Packages never import an app.',
};
const noDb = {
  group: ['@yipan/db', '**/packages/db/**'],
  message: 'Only the server and tests reach the database.',
};
const noDrizzle = {
  group: ['drizzle-orm', 'drizzle-orm/*', 'drizzle-kit', 'better-sqlite3', 'postgres'],
  message: 'Only packages/db knows Drizzle and the drivers.',
};
const noNode = {
  group: ['node:*', 'fs', 'path', 'crypto', 'http', 'net'],
  message: 'Browser code never imports Node modules.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tsbuild/**',
      'data/**',
      'tests/artifacts/**',
      // Written by the benchmark run, not source.
      'tests/bench/.scratch/**',
      'tests/bench/out/**',
      'packages/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'vitest.config.ts', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Y.Text has a meaningful toString().
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['YText', 'Error', 'RegExp', 'URL', 'URLSearchParams'] },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['packages/domain/**'], rules: restrict([noApps, noDb, noDrizzle, noNode]) },
  { files: ['packages/protocol/**'], rules: restrict([noApps, noDb, noDrizzle, noNode]) },
  { files: ['packages/db/**'], rules: restrict([noApps]) },
  {
    files: ['apps/server/**'],
    rules: restrict([
      { group: ['@yipan/web', '**/apps/web/**'], message: 'The server never imports the web app.' },
      noDrizzle,
    ]),
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: ['@yipan/server', '**/apps/server/**'], message: 'The web app never imports the server.' },
      noDb,
      noDrizzle,
      noNode,
    ]),
  },
);
