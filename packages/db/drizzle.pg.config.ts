import { defineConfig } from 'drizzle-kit';

/** drizzle-kit settings for the PostgreSQL migrations (`pnpm generate`). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/pg/schema.ts',
  out: './migrations/pg',
});
