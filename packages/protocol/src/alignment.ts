import { z } from 'zod';
import {
  AlignmentMatrix,
  AlignmentRow,
  CellState,
  Expectation,
  IsoDate,
  LinkageMode,
  Method,
  REASON_MAX,
  SupervisedBody,
  TopicJoint,
  TopicLink,
  LINKS_MAX,
  UPSTREAM_FIELDS,
  Coverage,
  Rollup,
  lazySchema,
} from '@yipan/domain';
import { IdParam, PlanSummary } from './rest';

/*
 * The wire contract of one chessboard (全市一盘棋): the alignment matrix, joint topics and their
 * expectations, a child's answers (adopt, link, decline), links, upstream changes, reminders, read receipts
 * and the dashboard. The server decides and writes; the board only asks and shows.
 */

/** Stable codes of alignment refusals (besides `forbidden`, `plan_not_found`, `topic_not_found`, `adjustment_required`). */
export const AlignmentErrorCode = {
  /** The parent plan is not a plan of an ancestor organisation of the same year. */
  notAnAncestorPlan: 'not_an_ancestor_plan',
  /** The parent topic does not exist (or is archived). */
  parentTopicNotFound: 'parent_topic_not_found',
  /** An expectation names an organisation that is not a direct child of the plan's organisation. */
  notAChildOrg: 'not_a_child_org',
  /** `delegated` is reserved to links under a province (DOMAIN.md). */
  modeNotAllowed: 'mode_not_allowed',
} as const;

const Count = lazySchema(() => z.number().int().nonnegative());

/**
 * A cell as the grid draws it: its state, the child topic it opens and the figures its text shows. What
 * its tooltip adds (the expectation, a decline's reason, every linked topic) is read per row on demand
 * (`AlignmentRowResponse`): those details were four fifths of a 20-county matrix. Optional fields are left
 * out when empty, so that a cell nobody answered is `{"state":"not_answered"}`.
 */
export const MatrixCell = lazySchema(() =>
  z.object({
    state: CellState,
    /** The most advanced linked child topic, in the column's plan: the one the cell opens. */
    lead: z.object({ topicId: z.string(), stepsFinished: Count, stepsTotal: Count }).optional(),
    /** Linked child topics besides the lead ("+n"). */
    more: Count.optional(),
    /** A linked topic is scheduled after the parent's "needed by" date. */
    conflict: z.literal(true).optional(),
  }),
);
export type MatrixCell = z.infer<typeof MatrixCell>;

/** A parent topic's row as the grid draws it: one cell per column, in the columns' order. */
export const MatrixRow = lazySchema(() => AlignmentRow.extend({ cells: z.array(MatrixCell) }));
export type MatrixRow = z.infer<typeof MatrixRow>;

/**
 * The matrix as the page shows it (domain's `AlignmentMatrix` with `MatrixCell`s): only the children whose
 * plans of the year the caller may read have a column; the others are only counted.
 */
export const MatrixView = lazySchema(() =>
  AlignmentMatrix.extend({
    rows: z.array(MatrixRow),
    /** Children left out because the caller may not read their plan of the year (DESIGN.md's access rules). */
    hiddenChildren: Count,
  }),
);
export type MatrixView = z.infer<typeof MatrixView>;

/** `GET /api/plans/:planId/alignment`: the plan's topics × its organisation's children. */
export const AlignmentResponse = lazySchema(() =>
  z.object({
    plan: PlanSummary,
    matrix: MatrixView,
    /** May the caller send reminders and mark topics joint (write on the plan)? */
    canManage: z.boolean(),
  }),
);
export type AlignmentResponse = z.infer<typeof AlignmentResponse>;

/**
 * `GET /api/plans/:planId/alignment/rows/:topicId`: one parent topic's row with every cell in full (the
 * expectation, a decline's reason, each linked child topic), in the columns' order, for the tooltip.
 */
export const AlignmentRowResponse = AlignmentRow;
export type AlignmentRowResponse = z.infer<typeof AlignmentRowResponse>;

/** `PUT /api/plans/:planId/topics/:topicId/joint`: mark a topic joint (联动) and say what it expects of each child. */
export const JointRequest = TopicJoint;
export type JointRequest = z.infer<typeof JointRequest>;

const answerTarget = { parentPlanId: IdParam, parentTopicId: IdParam };
const linkOptions = { mode: LinkageMode.optional(), contributes: z.boolean().optional() };

/**
 * `POST /api/plans/:planId/answers` (the child's plan): answer a parent topic by adopting it (a new linked
 * topic prefilled from the parent), linking an existing topic, declining it with a reason, or withdrawing
 * a decline. Needs write on the child plan and `link` on the parent plan.
 */
export const AnswerRequest = lazySchema(() =>
  z.discriminatedUnion('answer', [
    z.object({ answer: z.literal('adopt'), ...answerTarget, ...linkOptions }),
    z.object({ answer: z.literal('link'), ...answerTarget, topicId: IdParam, ...linkOptions }),
    z.object({
      answer: z.literal('decline'),
      ...answerTarget,
      reason: z.string().trim().min(1).max(REASON_MAX),
    }),
    z.object({ answer: z.literal('withdraw'), ...answerTarget }),
  ]),
);
export type AnswerRequest = z.infer<typeof AnswerRequest>;

/** The child topic an adopt or link answered with (null for decline and withdraw). */
export const AnswerResponse = lazySchema(() => z.object({ topicId: z.string().nullable() }));
export type AnswerResponse = z.infer<typeof AnswerResponse>;

/** `PUT /api/plans/:planId/topics/:topicId/links`: replace a topic's links to higher levels. */
export const LinksRequest = lazySchema(() => z.object({ links: z.array(TopicLink).max(LINKS_MAX) }));
export type LinksRequest = z.infer<typeof LinksRequest>;

/** A field of a parent topic that changed since the child's link last looked. */
export const UpstreamFieldChange = lazySchema(() =>
  z.object({
    field: z.enum(UPSTREAM_FIELDS),
    seen: z.union([z.string(), z.number()]).nullable(),
    current: z.union([z.string(), z.number()]).nullable(),
  }),
);
export type UpstreamFieldChange = z.infer<typeof UpstreamFieldChange>;

/** A parent topic as a child sees it, with its expectation of the child and the child's answer. */
export const ParentTopic = lazySchema(() =>
  z.object({
    parentPlanId: z.string(),
    parentTopicId: z.string(),
    title: z.string(),
    method: Method,
    supervisedBody: SupervisedBody,
    leadCommittee: z.string(),
    month: z.number().int().nullable(),
    session: z.number().int().nullable(),
    sessionDate: IsoDate.nullable(),
    joint: z.boolean(),
    /** What it expects of the caller's plan's organisation; null when not joint or nothing said. */
    expectation: Expectation.nullable(),
    answer: z.discriminatedUnion('state', [
      z.object({ state: z.literal('none') }),
      z.object({ state: z.literal('linked'), topicIds: z.array(z.string()) }),
      z.object({ state: z.literal('declined'), reason: z.string() }),
    ]),
  }),
);
export type ParentTopic = z.infer<typeof ParentTopic>;

/** A link of a child topic whose parent changed (上级议题已修改). */
export const UpstreamChangeNotice = lazySchema(() =>
  z.object({
    topicId: z.string(),
    parentPlanId: z.string(),
    parentTopicId: z.string(),
    parentTitle: z.string(),
    changes: z.array(UpstreamFieldChange).min(1),
  }),
);
export type UpstreamChangeNotice = z.infer<typeof UpstreamChangeNotice>;

/** A plan of a higher level the child plan answers, with the name of its organisation. */
export const ParentPlan = lazySchema(() => PlanSummary.extend({ orgName: z.string() }));
export type ParentPlan = z.infer<typeof ParentPlan>;

/**
 * `GET /api/plans/:planId/upstream` (the child's plan): the same-year plans of the higher levels, their
 * topics with what they expect and how this plan answered, and the links whose parent changed.
 */
export const UpstreamResponse = lazySchema(() =>
  z.object({
    parentPlans: z.array(ParentPlan),
    topics: z.array(ParentTopic),
    changes: z.array(UpstreamChangeNotice),
    /** May the caller answer (write on this plan and `link` on its parents)? */
    canAnswer: z.boolean(),
  }),
);
export type UpstreamResponse = z.infer<typeof UpstreamResponse>;

/** `POST /api/plans/:planId/upstream`: take a parent's change into the child topic, or dismiss it. */
export const UpstreamActionRequest = lazySchema(() =>
  z.object({
    topicId: IdParam,
    parentPlanId: IdParam,
    parentTopicId: IdParam,
    action: z.enum(['accept', 'dismiss']),
  }),
);
export type UpstreamActionRequest = z.infer<typeof UpstreamActionRequest>;

/** `POST /api/plans/:planId/reminders`: remind children that have not answered (all of them, or these). */
export const ReminderRequest = lazySchema(() => z.object({ orgIds: z.array(IdParam).max(200).optional() }));
export type ReminderRequest = z.infer<typeof ReminderRequest>;
/** The organisations reminded (those among the asked with something left to answer). */
export const ReminderResponse = lazySchema(() => z.object({ orgIds: z.array(z.string()) }));
export type ReminderResponse = z.infer<typeof ReminderResponse>;

/** `POST /api/plans/:planId/read`: the board opened a plan; a published parent plan records 已阅 for the reader's organisation. */
export const ReadReceiptResponse = lazySchema(() => z.object({ recorded: z.boolean() }));
export type ReadReceiptResponse = z.infer<typeof ReadReceiptResponse>;

/** A count per category, for a chart. */
const Tally = <T extends z.ZodType>(key: T) => z.array(z.object({ key, count: z.number().int() }));

/** One organisation's figures on the dashboard. */
export const DashboardOrg = lazySchema(() =>
  z.object({
    orgId: z.string(),
    name: z.string(),
    planId: z.string().nullable(),
    topics: z.number().int(),
    itemsTotal: z.number().int(),
    itemsClosed: z.number().int(),
    /** Coverage of the parent plan's expectations by this organisation (null for the top organisation). */
    coverage: Coverage.nullable(),
  }),
);
export type DashboardOrg = z.infer<typeof DashboardOrg>;

/** A joint topic's progress across all the children. */
export const DashboardJointTopic = lazySchema(() =>
  z.object({
    topicId: z.string(),
    title: z.string(),
    coverage: Coverage,
    rollup: Rollup,
  }),
);
export type DashboardJointTopic = z.infer<typeof DashboardJointTopic>;

/**
 * `GET /api/orgs/:orgId/dashboard?year=`: the organisation's and its children's plans of a year in figures:
 * topics by method, supervised body and month, follow-up completion and coverage by organisation, and the
 * joint topics' roll-ups.
 */
export const DashboardResponse = lazySchema(() =>
  z.object({
    year: z.number().int(),
    /** The years the organisation has plans the caller may read, newest first (the year picker's choices). */
    years: z.array(z.number().int()),
    planId: z.string().nullable(),
    /** Methods and bodies with at least one topic, in glossary order. */
    byMethod: Tally(Method),
    bySupervisedBody: Tally(SupervisedBody),
    /** Every month 1–12, then 0 for topics without a month. */
    byMonth: Tally(z.number().int()),
    orgs: z.array(DashboardOrg),
    jointTopics: z.array(DashboardJointTopic),
  }),
);
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const DashboardQuery = lazySchema(() =>
  z.object({ year: z.coerce.number().int().min(1949).max(2200).optional() }),
);
