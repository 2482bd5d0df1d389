import type { OrgLevel, PlanStatus, Role } from '@yipan/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  uniqueIndex,
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
  /** JSON object of per-organisation workflow settings (approving body, party review); validated with zod when read. */
  settings: text('settings').notNull().default('{}'),
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

/** An organisation's own step template for a method (DOMAIN.md's defaults apply where it has none). */
export const stepTemplates = pgTable(
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

/** An organisation's choice of the topic fields it publishes (监督公开); defaults apply until it stores one. */
export const disclosureSettings = pgTable('disclosure_settings', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  /** JSON object of one boolean per public field; validated with zod when read. */
  fields: text('fields').notNull(),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Every lifecycle transition of a plan: who moved it, from where to where, when and why. */
export const planTransitions = pgTable(
  'plan_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
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
export const docVersions = pgTable(
  'doc_versions',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    name: text('name').notNull(),
    /** `approved` (frozen on approval) or `manual`. */
    kind: text('kind').notNull(),
    state: bytea('state').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [index('doc_versions_plan_id_idx').on(table.planId)],
);

/** Adjustments (计划调整) of a frozen plan: the reason, who decided, and the window its edits were made in. */
export const planAdjustments = pgTable(
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
export const proposals = pgTable(
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
export const topics = pgTable(
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
    /** The session's day (YYYY-MM-DD): matrices compare it with the parent's "needed by" date. */
    sessionDate: text('session_date'),
    /** 1 when archived. */
    archived: integer('archived').notNull(),
    /** 1 when a joint topic (联动) that expects answers of the child organisations. */
    joint: integer('joint').notNull().default(0),
    /** JSON of the whole topic as read from the document (fields, sources, notes). */
    fields: text('fields').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.topicId] }),
    index('topics_org_id_idx').on(table.orgId),
  ],
);

/** One row per step of every topic. */
export const topicSteps = pgTable(
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
export const rectificationItems = pgTable(
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

/** One row per link of a child topic to a higher level's topic (or to an external province topic). */
export const topicLinks = pgTable(
  'topic_links',
  {
    planId: text('plan_id').notNull(),
    topicId: text('topic_id').notNull(),
    orgId: text('org_id').notNull(),
    position: integer('position').notNull(),
    /** Null for an external topic. */
    parentPlanId: text('parent_plan_id'),
    parentTopicId: text('parent_topic_id'),
    mode: text('mode').notNull(),
    /** 1 when a joint link counts towards the parent's result. */
    contributes: integer('contributes').notNull(),
    /** 1 for the topic's primary link. */
    isPrimary: integer('is_primary').notNull(),
    /** JSON of the external topic (title, year, source), for external links. */
    external: text('external'),
    /** JSON of the parent fields the link last acknowledged; null when it never did. */
    seen: text('seen'),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.topicId, table.position] }),
    index('topic_links_parent_plan_id_idx').on(table.parentPlanId),
  ],
);

/** One row per child organisation a joint topic expects an answer from. */
export const topicExpectations = pgTable(
  'topic_expectations',
  {
    planId: text('plan_id').notNull(),
    topicId: text('topic_id').notNull(),
    childOrgId: text('child_org_id').notNull(),
    level: text('level').notNull(),
    neededBy: text('needed_by'),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.topicId, table.childOrgId] }),
    index('topic_expectations_child_org_id_idx').on(table.childOrgId),
  ],
);

/** One row per decline (不采纳) of a parent topic by a child plan. */
export const planDeclines = pgTable(
  'plan_declines',
  {
    planId: text('plan_id').notNull(),
    orgId: text('org_id').notNull(),
    parentPlanId: text('parent_plan_id').notNull(),
    parentTopicId: text('parent_topic_id').notNull(),
    reason: text('reason').notNull(),
    declinedBy: text('declined_by').notNull(),
    declinedAt: instant('declined_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.parentPlanId, table.parentTopicId] }),
    index('plan_declines_parent_plan_id_idx').on(table.parentPlanId),
  ],
);

/*
 * Notifications and read receipts: authoritative rows (not derived from documents).
 */

/** A user's in-app notification (通知): what happened, about which plan, and when it was read. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** A NotificationKind: plan_published, reminder, upstream_changed, child_answered. */
    kind: text('kind').notNull(),
    planId: text('plan_id'),
    /** JSON of the kind's detail (names and counts for the message); validated with zod when read. */
    detail: text('detail').notNull().default('{}'),
    /** Deduplicates repeated events (e.g. one upstream change seen by several projections); null: never. */
    dedupeKey: text('dedupe_key'),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (table) => [
    index('notifications_user_id_id_idx').on(table.userId, table.id),
    uniqueIndex('notifications_user_dedupe_idx').on(table.userId, table.dedupeKey),
  ],
);

/** Read receipts (已阅): the first time a member of an organisation opened a published plan. */
export const planReads = pgTable(
  'plan_reads',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    readAt: instant('read_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.planId, table.orgId] })],
);

/*
 * Meetings (会议模式): authoritative rows. The live state (focus, timers, hands, votes) is stored here
 * too, so that a reconnecting client, or a restarted server, finds the meeting as it was.
 */

/** A meeting of an organisation: kind, time, status and the facilitator's focus. */
export const meetings = pgTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    /** A MeetingKind. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    startsAt: instant('starts_at').notNull(),
    /** A MeetingStatus: scheduled, live, ended. */
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    startedAt: instant('started_at'),
    endedAt: instant('ended_at'),
    /** The agenda item under discussion; null before the first focus. */
    focusItemId: text('focus_item_id'),
    /** Increases with every focus move, so clients ignore stale focus events. */
    focusSeq: integer('focus_seq').notNull().default(0),
  },
  (table) => [index('meetings_org_id_idx').on(table.orgId)],
);

/** Who is in a meeting, and in what role (a MeetingRole). */
export const meetingMembers = pgTable(
  'meeting_members',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.userId] }),
    index('meeting_members_user_id_idx').on(table.userId),
  ],
);

/** The agenda, in order: a topic, a whole plan or a free item, each with its own timer. */
export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    /** topic, plan or other. */
    kind: text('kind').notNull(),
    planId: text('plan_id'),
    topicId: text('topic_id'),
    /** The free item's title, or the topic's or plan's title when it was put on the agenda. */
    title: text('title').notNull(),
    timerDurationMs: integer('timer_duration_ms').notNull().default(0),
    timerElapsedMs: integer('timer_elapsed_ms').notNull().default(0),
    timerRunningSince: instant('timer_running_since'),
  },
  (table) => [
    index('meeting_agenda_items_meeting_id_idx').on(table.meetingId, table.position),
    index('meeting_agenda_items_plan_id_idx').on(table.planId),
  ],
);

/** The queue of raised hands, oldest first. */
export const meetingHands = pgTable(
  'meeting_hands',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: text('user_id').notNull(),
    raisedAt: instant('raised_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.userId] })],
);

/** A vote the facilitator opened: its spec (a VoteSpec as JSON), status and how many could vote. */
export const meetingVotes = pgTable(
  'meeting_votes',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    spec: text('spec').notNull(),
    /** open or closed. */
    status: text('status').notNull(),
    eligibleCount: integer('eligible_count').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (table) => [
    index('meeting_votes_meeting_id_idx').on(table.meetingId),
    // One open vote per meeting, even when two server processes open one at the same moment.
    uniqueIndex('meeting_votes_one_open_idx')
      .on(table.meetingId)
      .where(sql`${table.status} = 'open'`),
  ],
);

/**
 * One row per voter and vote: the primary key makes a second ballot impossible. `ballot` (JSON) is kept
 * for named votes only; an anonymous vote's row says that the user voted, never what.
 */
export const meetingBallots = pgTable(
  'meeting_ballots',
  {
    voteId: text('vote_id')
      .notNull()
      .references(() => meetingVotes.id),
    userId: text('user_id').notNull(),
    ballot: text('ballot'),
  },
  (table) => [primaryKey({ columns: [table.voteId, table.userId] })],
);

/** Running counts per option (an approval choice or a candidate item id), written with each ballot. */
export const meetingVoteTallies = pgTable(
  'meeting_vote_tallies',
  {
    voteId: text('vote_id')
      .notNull()
      .references(() => meetingVotes.id),
    optionKey: text('option_key').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.voteId, table.optionKey] })],
);

/** Decisions recorded against agenda items (列入计划, 暂缓, 交办…). */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    /** A DecisionKind. */
    kind: text('kind').notNull(),
    assignee: text('assignee'),
    note: text('note').notNull().default(''),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (table) => [index('meeting_decisions_meeting_id_idx').on(table.meetingId)],
);
