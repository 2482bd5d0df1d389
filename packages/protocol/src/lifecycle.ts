import { z } from 'zod';
import {
  Adjustment,
  ApprovingBody,
  IsoDate,
  LifecycleSettings,
  Method,
  PlanStatus,
  SupervisedBody,
  TopicSource,
  lazySchema,
} from '@yipan/domain';
import { PlanSummary } from './rest';

/*
 * The wire contract of a plan's lifecycle (DOMAIN.md "Plan lifecycle"): transitions, named versions,
 * adjustments of a frozen plan and the differences from the approved version. The server decides all
 * of it (DESIGN.md, truth 2); the board only shows it.
 */

/** A user as records name them. */
export const UserRef = lazySchema(() => z.object({ id: z.string(), displayName: z.string() }));
export type UserRef = z.infer<typeof UserRef>;

/** Who decides a transition (an approving body, the office or the Party committee). */
export const DeciderName = lazySchema(() => z.enum([...ApprovingBody.options, 'office', 'party_committee']));

/** A move the caller may make now, as a button shows it. */
export const TransitionOption = lazySchema(() =>
  z.object({
    to: PlanStatus,
    kind: z.enum(['advance', 'return']),
    decidedBy: DeciderName,
    requiresNote: z.boolean(),
  }),
);
export type TransitionOption = z.infer<typeof TransitionOption>;

/** One recorded transition: who moved the plan, from where to where, when (ISO instant) and why. */
export const TransitionRecord = lazySchema(() =>
  z.object({
    id: z.number().int(),
    from: PlanStatus,
    to: PlanStatus,
    note: z.string(),
    actor: UserRef,
    at: z.string(),
  }),
);
export type TransitionRecord = z.infer<typeof TransitionRecord>;

/** `GET /api/plans/:planId/lifecycle`: where the plan stands, what the caller may do next, and the log. */
export const LifecycleResponse = lazySchema(() =>
  z.object({
    status: PlanStatus,
    settings: LifecycleSettings,
    /** The main path for a progress bar (without the adjustment loop). */
    path: z.array(PlanStatus),
    /** Moves the caller may make now; empty without the workflow permission. */
    transitions: z.array(TransitionOption),
    /** Oldest first. */
    log: z.array(TransitionRecord),
    /** Approved or later: plan fields change only within an open adjustment. */
    frozen: z.boolean(),
    /** The adjustment being made now, if any. */
    openAdjustment: z.lazy(() => AdjustmentRecord).nullable(),
  }),
);
export type LifecycleResponse = z.infer<typeof LifecycleResponse>;

/** `POST /api/plans/:planId/transitions` answers with the moved plan, the record, and the version frozen on approval. */
export const TransitionResponse = lazySchema(() =>
  z.object({
    plan: PlanSummary,
    transition: TransitionRecord,
    version: z.lazy(() => VersionSummary).nullable(),
  }),
);
export type TransitionResponse = z.infer<typeof TransitionResponse>;

/** A named version of a plan: the approved text, or one saved by hand. */
export const VersionSummary = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['approved', 'manual']),
    createdAt: z.string(),
    createdBy: UserRef,
  }),
);
export type VersionSummary = z.infer<typeof VersionSummary>;

/** `GET /api/plans/:planId/versions`, newest first. */
export const VersionsResponse = lazySchema(() => z.object({ versions: z.array(VersionSummary) }));
export type VersionsResponse = z.infer<typeof VersionsResponse>;

/** Longest name of a version. */
const VERSION_NAME_MAX = 100;

/** `POST /api/plans/:planId/versions`: save the live plan as a named version. */
export const CreateVersionRequest = lazySchema(() =>
  z.object({ name: z.string().trim().min(1).max(VERSION_NAME_MAX) }),
);
export type CreateVersionRequest = z.infer<typeof CreateVersionRequest>;
/** Answer of `POST /api/plans/:planId/versions` (201): the saved version. */
export const CreateVersionResponse = lazySchema(() => z.object({ version: VersionSummary }));
export type CreateVersionResponse = z.infer<typeof CreateVersionResponse>;

/** A topic as the server reads it from a document (the domain's `Topic`). */
export const TopicJson = lazySchema(() =>
  z.object({
    id: z.string(),
    order: z.string(),
    archived: z.boolean(),
    createdAt: z.number(),
    createdBy: z.string(),
    notes: z.string(),
    title: z.string(),
    method: Method,
    addonMethods: z.array(Method),
    supervisedBody: SupervisedBody,
    reportingUnit: z.string(),
    leadCommittee: z.string(),
    assistCommittees: z.array(z.string()),
    leaderInCharge: z.string(),
    month: z.number().int().nullable(),
    session: z.number().int().nullable(),
    sessionDate: IsoDate.nullable(),
    sources: z.array(TopicSource),
  }),
);
export type TopicJson = z.infer<typeof TopicJson>;

/** `GET /api/plans/:planId/versions/:versionId`: the version and its topics (archived ones included). */
export const VersionResponse = lazySchema(() =>
  z.object({ version: VersionSummary, topics: z.array(TopicJson) }),
);
export type VersionResponse = z.infer<typeof VersionResponse>;

/** One changed field of a topic, before and after. */
export const FieldChangeJson = lazySchema(() =>
  z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }),
);

/** How one topic differs (the domain's `TopicDiff`). */
export const TopicDiffJson = lazySchema(() =>
  z.object({
    topicId: z.string(),
    title: z.string(),
    kind: z.enum(['added', 'removed', 'changed']),
    changes: z.array(FieldChangeJson),
  }),
);
export type TopicDiffJson = z.infer<typeof TopicDiffJson>;

/** Either side of a comparison: a version id, or `live` for the plan as it is now. */
export const DiffSide = lazySchema(() =>
  z.union([z.literal('live'), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]),
);

/**
 * `GET /api/plans/:planId/diff?from=<versionId>&to=<versionId|live>`: `from` defaults to the approved
 * version, `to` to the live plan. 404 `version_not_found` when the plan has no such version (or none approved).
 */
export const DiffQuery = lazySchema(() => z.object({ from: DiffSide.optional(), to: DiffSide.optional() }));
export const DiffResponse = lazySchema(() =>
  z.object({
    from: VersionSummary,
    /** null when `to` is the live plan. */
    to: VersionSummary.nullable(),
    diffs: z.array(TopicDiffJson),
  }),
);
export type DiffResponse = z.infer<typeof DiffResponse>;

/**
 * An adjustment (计划调整) of a frozen plan: opened with its reason and decision, then the opener's edits
 * to plan fields are accepted until it is closed; `changes` is what it changed, topic by topic.
 */
export const AdjustmentRecord = lazySchema(() =>
  z.object({
    id: z.string(),
    reason: z.string(),
    decidedBy: ApprovingBody,
    meeting: z.string(),
    decidedOn: IsoDate,
    state: z.enum(['open', 'closed']),
    openedBy: UserRef,
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    changes: z.array(TopicDiffJson),
  }),
);
export type AdjustmentRecord = z.infer<typeof AdjustmentRecord>;

/** `POST /api/plans/:planId/adjustments` (the domain's `Adjustment`): opens an adjustment. */
export const OpenAdjustmentRequest = Adjustment;
export type OpenAdjustmentRequest = z.infer<typeof OpenAdjustmentRequest>;

/** `GET /api/plans/:planId/adjustments`, newest first. */
export const AdjustmentsResponse = lazySchema(() => z.object({ adjustments: z.array(AdjustmentRecord) }));
export type AdjustmentsResponse = z.infer<typeof AdjustmentsResponse>;

/** `POST /api/plans/:planId/adjustments`, `…/adjustments/:id/close`, `…/versions/:id/restore`. */
export const AdjustmentResponse = lazySchema(() => z.object({ adjustment: AdjustmentRecord }));
export type AdjustmentResponse = z.infer<typeof AdjustmentResponse>;

/** `POST /api/plans/:planId/versions/:versionId/restore`: the live plan's fields set back to the version's, as one closed adjustment. */
export const RestoreVersionRequest = Adjustment;
export type RestoreVersionRequest = z.infer<typeof RestoreVersionRequest>;

/** Stable codes of lifecycle refusals beyond the domain's TransitionErrorCode. */
export const LifecycleErrorCode = {
  /** A plan field of a frozen plan was edited outside an open adjustment (sent over socket.io `plan:refused`). */
  adjustmentRequired: 'adjustment_required',
  /** Another adjustment of this plan is open. */
  adjustmentOpen: 'adjustment_open',
  /** The adjustment is closed already, or not the caller's. */
  adjustmentClosed: 'adjustment_closed',
  /** Adjustments exist only for approved plans and later. */
  planNotFrozen: 'plan_not_frozen',
  versionNotFound: 'version_not_found',
} as const;
export type LifecycleErrorCode = (typeof LifecycleErrorCode)[keyof typeof LifecycleErrorCode];

/** One rectification item on the follow-up board, with the plan and topic it belongs to. */
export const FollowUpItem = lazySchema(() =>
  z.object({
    planId: z.string(),
    planTitle: z.string(),
    topicId: z.string(),
    topicTitle: z.string(),
    itemId: z.string(),
    content: z.string(),
    responsibleBody: z.string(),
    deadline: IsoDate.nullable(),
    state: z.string(),
    /** Satisfaction counts once rated. */
    rating: z
      .object({ satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number() })
      .nullable(),
  }),
);
export type FollowUpItem = z.infer<typeof FollowUpItem>;

/**
 * `GET /api/orgs/:orgId/follow-up`: every rectification item of the organisation's plans, read from the
 * projection, in four buckets (an item is in the first that fits): overdue (deadline before today, not
 * closed), due this month, awaiting rating (reported or deliberated), closed. `today` is the server's
 * day in China time.
 */
export const FollowUpResponse = lazySchema(() =>
  z.object({
    today: IsoDate,
    overdue: z.array(FollowUpItem),
    dueThisMonth: z.array(FollowUpItem),
    awaitingRating: z.array(FollowUpItem),
    closed: z.array(FollowUpItem),
  }),
);
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;
