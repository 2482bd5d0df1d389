import { describe } from 'vitest';
import type { Dialect } from '@yipan/db';
import { dialectsUnderTest } from '@yipan/db/testing';

/**
 * `describe.each` over the dialects of `@yipan/db/testing`: SQLite always, PostgreSQL when DATABASE_URL
 * is set. With CI=true PostgreSQL is never skipped, so a CI without a database fails instead of
 * silently running half the suite.
 */
export function describeEachDialect(name: string, body: (dialect: Dialect) => void): void {
  for (const { dialect, skip } of dialectsUnderTest()) {
    describe.skipIf(skip)(`${name} [${dialect}]`, () => body(dialect));
  }
}
