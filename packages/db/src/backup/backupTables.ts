import { getTableName, type Column, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as pgSchema from '../pg/schema';
import * as sqliteSchema from '../sqlite/schema';
import { BackupError } from './BackupError';

/** Whether a table goes into a backup. */
export type TablePolicy = 'restore' | 'skip';

/**
 * Every table of the logical schema, by SQL name, and whether a backup carries it. A table added to the
 * schema without an entry here makes backupTables() throw (and its test fail), so nobody forgets to decide.
 * Sessions are skipped: restoring them would keep people signed in on the new machine with cookies
 * issued by the old one. The projection tables are restored as they are (cheaper than rebuilding them,
 * and `pnpm yipan rebuild-projection` can still rewrite them).
 */
export const TABLE_POLICY: Readonly<Record<string, TablePolicy>> = {
  organisations: 'restore',
  users: 'restore',
  memberships: 'restore',
  plans: 'restore',
  doc_updates: 'restore',
  doc_snapshots: 'restore',
  sessions: 'skip',
  audit_events: 'restore',
  step_templates: 'restore',
  disclosure_settings: 'restore',
  plan_transitions: 'restore',
  doc_versions: 'restore',
  plan_adjustments: 'restore',
  proposals: 'restore',
  topics: 'restore',
  topic_steps: 'restore',
  rectification_items: 'restore',
  topic_links: 'restore',
  topic_expectations: 'restore',
  plan_declines: 'restore',
  notifications: 'restore',
  plan_reads: 'restore',
  meetings: 'restore',
  meeting_members: 'restore',
  meeting_agenda_items: 'restore',
  meeting_hands: 'restore',
  meeting_votes: 'restore',
  meeting_ballots: 'restore',
  meeting_vote_tallies: 'restore',
  meeting_decisions: 'restore',
};

/** One table as a backup sees it: its SQL name, its key in both schema modules, and its shape. */
export type BackupTable = {
  name: string;
  /** The export name in both schema modules, i.e. the key of `Driver.tables`. */
  key: string;
  /** SQL names of the primary key columns, the order rows are read in. */
  primaryKey: string[];
  /** SQL names of the columns that reference this same table (organisations.parent_id): parents first. */
  selfReferences: string[];
  /** SQL names of the PostgreSQL serial columns whose sequences must move past restored ids. */
  serials: string[];
};

/** The tables to back up, in restore order, and those left out. */
export type BackupPlan = { tables: BackupTable[]; skipped: string[]; all: string[] };

type SchemaModule = Record<string, unknown>;

const namesOf = (columns: Column[]) => columns.map((column) => column.name);

/**
 * Derives the backup plan from the two schema modules: checks that they hold the same tables under the
 * same keys and that each is classified in `policy`, then orders the restored tables so that every
 * table comes after the tables it references (declaration order among equals).
 */
export function planTables(
  pg: SchemaModule,
  sqlite: SchemaModule,
  policy: Readonly<Record<string, TablePolicy>>,
): BackupPlan {
  const pgNames = tableNames(pg);
  const sqliteNames = tableNames(sqlite);
  const differing = [...pgNames.keys(), ...sqliteNames.keys()].filter(
    (key) => pgNames.get(key) !== sqliteNames.get(key),
  );
  if (differing.length > 0)
    throw new BackupError(
      `SQLite 与 PostgreSQL 的表结构不一致 / the SQLite and PostgreSQL schemas differ in: ${[...new Set(differing)].join(', ')}`,
    );
  const unclassified = [...pgNames.values()].filter((name) => policy[name] === undefined);
  const stale = Object.keys(policy).filter((name) => ![...pgNames.values()].includes(name));
  if (unclassified.length > 0 || stale.length > 0)
    throw new BackupError(
      `备份未对以下表作出归类 / backup policy out of date: unclassified ${unclassified.join(', ') || '-'}; unknown ${stale.join(', ') || '-'}`,
    );

  const described = [...pgNames.entries()].map(([key, name]) => {
    const config = getPgTableConfig(pg[key] as PgTable);
    const singleKey = config.columns.filter((column) => column.primary);
    const primaryKey = namesOf(singleKey.length > 0 ? singleKey : (config.primaryKeys[0]?.columns ?? []));
    if (primaryKey.length === 0)
      throw new BackupError(`表 ${name} 没有主键 / table ${name} has no primary key`);
    const references = config.foreignKeys.map((foreignKey) => {
      const reference = foreignKey.reference();
      return { table: getTableName(reference.foreignTable as Table), columns: namesOf(reference.columns) };
    });
    return {
      key,
      name,
      primaryKey,
      parents: references.map((reference) => reference.table).filter((table) => table !== name),
      selfReferences: references.filter((reference) => reference.table === name).flatMap((r) => r.columns),
      serials: config.columns.filter((column) => column.columnType.includes('Serial')).map((c) => c.name),
    };
  });

  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  const pending = described.filter((table) => policy[table.name] === 'restore');
  while (pending.length > 0) {
    const next = pending.findIndex((table) => table.parents.every((parent) => placed.has(parent)));
    if (next < 0)
      throw new BackupError(
        `外键形成环或引用了未备份的表 / foreign keys form a cycle or reference a skipped table: ${pending.map((t) => t.name).join(', ')}`,
      );
    const [table] = pending.splice(next, 1);
    if (!table) break;
    placed.add(table.name);
    ordered.push({
      name: table.name,
      key: table.key,
      primaryKey: table.primaryKey,
      selfReferences: table.selfReferences,
      serials: table.serials,
    });
  }
  return {
    tables: ordered,
    skipped: described.filter((table) => policy[table.name] === 'skip').map((table) => table.name),
    all: described.map((table) => table.name),
  };
}

/** Export key → SQL table name of every table in a schema module. */
function tableNames(schema: SchemaModule): Map<string, string> {
  return new Map(Object.entries(schema).map(([key, table]) => [key, getTableName(table as Table)]));
}

/** The backup plan of this build's schema; throws when the schemas or TABLE_POLICY are out of step. */
export function backupTables(): BackupPlan {
  return planTables(pgSchema, sqliteSchema, TABLE_POLICY);
}
