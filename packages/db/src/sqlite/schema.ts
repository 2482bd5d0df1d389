import type { OrgLevel, PlanStatus, Role } from '@yipan/domain';
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

/*
 * The SQLite binding of the one logical schema. `../pg/schema.ts` is its twin: same tables,
 * columns and constraints (schema.test.ts compares them), and the same TypeScript row types
 * (driver.ts checks that at compile time). Only tables are exported from this module.
 */

/** Instants as milliseconds since the epoch, read as Dates like PostgreSQL's timestamptz. */
const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
/** Byte strings, read and written as Buffers like PostgreSQL's bytea. */
const bytes = (name: string) => blob(name, { mode: 'buffer' });

/** The standing committees' offices: city, counties, townships… as a tree. */
export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  level: text('level').$type<OrgLevel>().notNull(),
  parentId: text('parent_id').references((): AnySQLiteColumn => organisations.id),
  sortOrder: integer('sort_order').notNull().default(0),
  /** JSON array of committee (委室) names; validated with zod when read. */
  committees: text('committees').notNull().default('[]'),
  /** JSON array of the supervised bodies (一府一委两院) this organisation supervises. */
  supervisedBodies: text('supervised_bodies').notNull().default('[]'),
  /** JSON array of its reporting units (承办/报告单位). */
  reportingUnits: text('reporting_units').notNull().default('[]'),
  /** JSON object of per-organisation workflow settings (approving body, party review); validated with zod when read. */
  settings: text('settings').notNull().default('{}'),
  createdAt: instant('created_at').notNull(),
});

/** Accounts that sign in. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** A user's role in an organisation. */
export const memberships = sqliteTable(
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
export const plans = sqliteTable(
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
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    // AUTOINCREMENT: ids are never reused, so a snapshot's up_to_id can never cover a later row.
    id: integer('id').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    update: bytes('update').notNull(),
    author: text('author').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (table) => [index('doc_updates_doc_name_id_idx').on(table.docName, table.id)],
);

/** Per document, the merged state of its log up to and including `up_to_id`. */
export const docSnapshots = sqliteTable('doc_snapshots', {
  docName: text('doc_name').primaryKey(),
  upToId: integer('up_to_id').notNull(),
  state: bytes('state').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * Signed-in sessions. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
 * database signs nobody in. `expires_at` is the absolute limit; the idle limit runs from `last_seen_at`.
 */
export const sessions = sqliteTable(
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
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

/** An organisation's own step template for a method (DOMAIN.md's defaults apply where it has none). */
export const stepTemplates = sqliteTable(
  'step_templates',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    method: text('method').notNull(),
    /** JSON of the template; validated with zod when read. */
    template: text('template').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.method] })],
);

/** Every lifecycle transition of a plan: who moved it, from where to where, when and why. */
export const planTransitions = sqliteTable(
  'plan_transitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    fromStatus: text('from_status').$type<PlanStatus>().notNull(),
    toStatus: text('to_status').$type<PlanStatus>().notNull(),
    note: text('note').notNull().default(''),
    actorId: text('actor_id').notNull(),
    at: instant('at').notNull(),
  },
  (table) => [index('plan_transitions_plan_id_id_idx').on(table.planId, table.id)],
);

/** Named versions of a plan document (the approved plan, versions saved by hand): full Yjs states. */
export const docVersions = sqliteTable(
  'doc_versions',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    name: text('name').notNull(),
    /** `approved` (frozen on approval) or `manual`. */
    kind: text('kind').notNull(),
    state: bytes('state').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [index('doc_versions_plan_id_idx').on(table.planId)],
);

/** Adjustments (计划调整) of a frozen plan: the reason, who decided, and the window its edits were made in. */
export const planAdjustments = sqliteTable(
  'plan_adjustments',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    reason: text('reason').notNull(),
    /** The body that decided it (an ApprovingBody: council of chairs, standing committee, presidium). */
    decidedBy: text('decided_by').notNull(),
    /** The meeting that decided it, e.g. 第十二次主任会议. */
    meeting: text('meeting').notNull().default(''),
    /** The day it was decided (YYYY-MM-DD). */
    decidedOn: text('decided_on').notNull(),
    /** `open` while its edits are being made, then `closed`. */
    state: text('state').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
    /** JSON of what changed, topic by topic, once closed. */
    summary: text('summary').notNull().default('[]'),
  },
  (table) => [index('plan_adjustments_plan_id_idx').on(table.planId)],
);

/** Topic proposals received while a plan is soliciting (征集), and the office's decision on each. */
export const proposals = sqliteTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    problem: text('problem').notNull(),
    contact: text('contact').notNull().default(''),
    submitterKind: text('submitter_kind').notNull(),
    source: text('source').notNull(),
    /** The signed-in submitter; null for the public form. */
    submittedBy: text('submitted_by'),
    state: text('state').notNull(),
    /** The office's ranking while collating (1 = first); null until ranked. */
    rank: integer('rank'),
    /** The proposal a merged one was folded into. */
    mergedInto: text('merged_into'),
    /** The topic an accepted proposal became. */
    topicId: text('topic_id'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    createdAt: instant('created_at').notNull(),
  },
  (table) => [index('proposals_plan_id_idx').on(table.planId)],
);

/*
 * The relational projection of plan documents (DESIGN.md, "the relational projection is derived"):
 * rewritten from the documents after changes, rebuildable at any time, never the source of truth.
 */

/** One row per topic of every plan document. */
export const topics = sqliteTable(
  'topics',
  {
    planId: text('plan_id').notNull(),
    topicId: text('topic_id').notNull(),
    orgId: text('org_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    method: text('method').notNull(),
    supervisedBody: text('supervised_body').notNull(),
    leadCommittee: text('lead_committee').notNull(),
    reportingUnit: text('reporting_unit').notNull(),
    month: integer('month'),
    session: integer('session'),
    /** 1 when archived. */
    archived: integer('archived').notNull(),
    /** JSON of the whole topic as read from the document (fields, sources, notes). */
    fields: text('fields').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.topicId] }),
    index('topics_org_id_idx').on(table.orgId),
  ],
);

/** One row per step of every topic. */
export const topicSteps = sqliteTable(
  'topic_steps',
  {
    planId: text('plan_id').notNull(),
    topicId: text('topic_id').notNull(),
    stepId: text('step_id').notNull(),
    position: integer('position').notNull(),
    templateKey: text('template_key').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(),
    date: text('date'),
    dueDate: text('due_date'),
    owner: text('owner').notNull(),
  },
  (table) => [primaryKey({ columns: [table.planId, table.topicId, table.stepId] })],
);

/** One row per rectification item of every topic's opinion. */
export const rectificationItems = sqliteTable(
  'rectification_items',
  {
    planId: text('plan_id').notNull(),
    topicId: text('topic_id').notNull(),
    itemId: text('item_id').notNull(),
    orgId: text('org_id').notNull(),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    responsibleBody: text('responsible_body').notNull(),
    deadline: text('deadline'),
    state: text('state').notNull(),
    /** JSON of the satisfaction rating counts, once rated. */
    rating: text('rating'),
    closedAt: instant('closed_at'),
    closedBy: text('closed_by').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.topicId, table.itemId] }),
    index('rectification_items_org_id_idx').on(table.orgId),
  ],
);
