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
  /** JSON array of committee (委室) names; validated with zod when read. */
  committees: text('committees').notNull().default('[]'),
  /** JSON array of the supervised bodies (一府一委两院) this organisation supervises. */
  supervisedBodies: text('supervised_bodies').notNull().default('[]'),
  /** JSON array of its reporting units (承办/报告单位). */
  reportingUnits: text('reporting_units').notNull().default('[]'),
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

/**
 * Signed-in sessions. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
 * database signs nobody in. `expires_at` is the absolute limit; the idle limit runs from `last_seen_at`.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /** Set when signed out or revoked; the session never comes back. */
    endedAt: instant('ended_at'),
    /** `signed_out` or `revoked`. */
    endReason: text('end_reason').$type<'signed_out' | 'revoked'>(),
    /** Who revoked it (a user id), when revoked. */
    endedBy: text('ended_by'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/** The security audit trail: sign-ins, sign-outs, revocations, membership and organisation changes, denials. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
    /** The acting user; null for an unknown user's failed sign-in or an unauthenticated connection. */
    actorId: text('actor_id'),
    kind: text('kind').notNull(),
    target: text('target'),
    /** The organisation the event belongs to, which scopes who may read it. */
    orgId: text('org_id'),
    ip: text('ip'),
    /** JSON object with event-specific detail. */
    detail: text('detail').notNull().default('{}'),
  },
  (table) => [index('audit_events_org_id_id_idx').on(table.orgId, table.id)],
);
