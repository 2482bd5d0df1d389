import { defineConfig } from 'drizzle-kit';

/** drizzle-kit settings for the SQLite migrations (`pnpm generate`). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/sqlite/schema.ts',
  out: './migrations/sqlite',
});
