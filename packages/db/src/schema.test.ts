import { readdirSync, readFileSync } from 'node:fs';
import { getTableName, type Column, type Table } from 'drizzle-orm';
import {
  generateDrizzleJson,
  generateMigration,
  generateSQLiteDrizzleJson,
  generateSQLiteMigration,
} from 'drizzle-kit/api';
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from './pg/schema';
import * as sqliteSchema from './sqlite/schema';

type TableConfig = ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>;

/** The kind of value a column holds; PostgreSQL's custom bytea reads as a buffer like SQLite's blob. */
function kindOf(column: Column): string {
  return column.dataType === 'custom' && column.getSQLType() === 'bytea' ? 'buffer' : column.dataType;
}

const names = (columns: { name: string }[]) => columns.map((column) => column.name);

/** A dialect-neutral description of a table: what both bindings must agree on. */
function describeTable(config: TableConfig) {
  return {
    name: config.name,
    columns: config.columns.map((column) => ({
      name: column.name,
      kind: kindOf(column),
      notNull: column.notNull,
      primary: column.primary,
      unique: column.isUnique,
      hasDefault: column.hasDefault,
    })),
    primaryKeys: config.primaryKeys.map((key) => names(key.columns)),
    uniques: config.uniqueConstraints.map((unique) => names(unique.columns)),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return {
        columns: names(reference.columns),
        table: getTableName(reference.foreignTable as Table),
        foreignColumns: names(reference.foreignColumns),
      };
    }),
    indexes: config.indexes.map((index) => ({
      name: index.config.name,
      unique: index.config.unique,
      columns: index.config.columns.map((column) => ('name' in column ? column.name : 'expression')),
    })),
  };
}

/** The schema as of the newest committed migration of a dialect (drizzle-kit's meta snapshot). */
function latestSnapshot(folder: 'sqlite' | 'pg'): unknown {
  const meta = new URL(`../migrations/${folder}/meta/`, import.meta.url);
  const newest = readdirSync(meta)
    .filter((file) => file.endsWith('_snapshot.json'))
    .sort()
    .at(-1);
  if (!newest) throw new Error(`no committed migration in migrations/${folder}`);
  return JSON.parse(readFileSync(new URL(newest, meta), 'utf8'));
}

// drizzle-kit's declarations are written against zod 3 while the workspace has zod 4, so its snapshot
// types do not resolve; these re-type the calls with what the test needs.
type SchemaSnapshot = (schema: Record<string, unknown>) => unknown;
type SnapshotDiff = (previous: unknown, current: unknown) => Promise<string[]>;
const sqliteSnapshotOf = generateSQLiteDrizzleJson as SchemaSnapshot;
const pgSnapshotOf = generateDrizzleJson as SchemaSnapshot;
const sqliteDiff = generateSQLiteMigration as SnapshotDiff;
const pgDiff = generateMigration as SnapshotDiff;

const sqliteTables = sqliteSchema as Record<string, SQLiteTable>;
const pgTables = pgSchema as Record<string, PgTable>;

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables', () => {
    expect(Object.keys(sqliteTables).sort()).toEqual(Object.keys(pgTables).sort());
  });

  for (const key of Object.keys(pgTables)) {
    it(`agree on ${key}: columns, nullability, keys, uniques, references and indexes`, () => {
      const sqlite = sqliteTables[key];
      const pg = pgTables[key];
      if (!sqlite || !pg) throw new Error(`${key} is missing from one binding`);
      expect(describeTable(getSqliteTableConfig(sqlite))).toEqual(describeTable(getPgTableConfig(pg)));
    });
  }

  it('index the update log by document and sequence', () => {
    const config = describeTable(getPgTableConfig(pgSchema.docUpdates));
    expect(config.columns.find((column) => column.name === 'id')).toMatchObject({
      kind: 'number',
      primary: true,
    });
    expect(config.indexes).toEqual([
      { name: 'doc_updates_doc_name_id_idx', unique: false, columns: ['doc_name', 'id'] },
    ]);
  });

  it('are both fully covered by the committed migrations (run `pnpm generate` after a change)', async () => {
    expect(await sqliteDiff(latestSnapshot('sqlite'), await sqliteSnapshotOf(sqliteSchema))).toEqual([]);
    expect(await pgDiff(latestSnapshot('pg'), pgSnapshotOf(pgSchema))).toEqual([]);
  });
});
