import type { OrgLevel, PlanStatus, Role } from '@yipan/domain';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/*
 * The PostgreSQL binding of the one logical schema. `../sqlite/schema.ts` is its twin: same tables,
 * columns and constraints (schema.test.ts compares them), and the same TypeScript row types
 * (driver.ts checks that at compile time). Only tables are exported from this module.
 */

/** Byte strings, read and written as Buffers like SQLite's blobs (drizzle 0.45 has no bytea column). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
/** Instants, read as Dates like SQLite's millisecond integers. */
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The standing committees' offices: city, counties, townships… as a tree. */
export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  level: text('level').$type<OrgLevel>().notNull(),
  parentId: text('parent_id').references((): AnyPgColumn => organisations.id),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: instant('created_at').notNull(),
});

/** Accounts that sign in. */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** A user's role in an organisation. */
export const memberships = pgTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').$type<Role>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.orgId] })],
);

/** An organisation's annual supervision plan; its content lives in the `plan:<id>` document. */
export const plans = pgTable(
  'plans',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<PlanStatus>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (table) => [index('plans_org_id_idx').on(table.orgId)],
);

/** The append-only, authored log of Yjs updates; `id` is the update's sequence number. */
export const docUpdates = pgTable(
  'doc_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docName: text('doc_name').notNull(),
    update: bytea('update').notNull(),
    author: text('author').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (table) => [index('doc_updates_doc_name_id_idx').on(table.docName, table.id)],
);

/** Per document, the merged state of its log up to and including `up_to_id`. */
export const docSnapshots = pgTable('doc_snapshots', {
  docName: text('doc_name').primaryKey(),
  upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
  state: bytea('state').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
