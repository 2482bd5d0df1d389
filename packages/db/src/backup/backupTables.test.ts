import { getTableName, type Table } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../pg/schema';
import * as sqliteSchema from '../sqlite/schema';
import { backupTables, planTables, TABLE_POLICY } from './backupTables';

describe('the tables a backup carries', () => {
  it('classify every table of the schema, and leave out only the sessions', () => {
    const plan = backupTables();
    expect(plan.skipped).toEqual(['sessions']);
    expect([...plan.tables.map((table) => table.name), ...plan.skipped].sort()).toEqual(
      Object.values(pgSchema)
        .map((table) => getTableName(table as Table))
        .sort(),
    );
  });

  it('come parents first, so every foreign key points at rows already restored', () => {
    const order = backupTables().tables.map((table) => table.name);
    for (const table of Object.values(pgSchema)) {
      const name = getTableName(table);
      for (const foreignKey of getTableConfig(table).foreignKeys) {
        const parent = getTableName(foreignKey.reference().foreignTable as Table);
        if (parent !== name && order.includes(name))
          expect(order.indexOf(parent)).toBeLessThan(order.indexOf(name));
      }
    }
    expect(backupTables().tables.find((table) => table.name === 'organisations')?.selfReferences).toEqual([
      'parent_id',
    ]);
  });

  it('know the PostgreSQL serial columns whose sequences a restore must move', () => {
    const serials = backupTables()
      .tables.filter((table) => table.serials.length > 0)
      .map((table) => `${table.name}.${table.serials.join(',')}`);
    expect(serials.sort()).toEqual([
      'audit_events.id',
      'doc_updates.id',
      'notifications.id',
      'plan_transitions.id',
    ]);
  });

  it('fail loudly when the two schemas differ', () => {
    const { sessions: _dropped, ...sqliteWithoutSessions } = sqliteSchema;
    expect(() => planTables(pgSchema, sqliteWithoutSessions, TABLE_POLICY)).toThrow(
      /schemas differ in: sessions/,
    );
  });

  it('fail loudly when a table is not classified, or the policy names a table that is gone', () => {
    const { meeting_decisions: _unclassified, ...policy } = TABLE_POLICY;
    expect(() => planTables(pgSchema, sqliteSchema, policy)).toThrow(/unclassified meeting_decisions/);
    expect(() => planTables(pgSchema, sqliteSchema, { ...TABLE_POLICY, old_table: 'restore' })).toThrow(
      /unknown old_table/,
    );
  });
});
