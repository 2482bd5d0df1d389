import { z } from 'zod';
import {
  LifecycleSettings,
  OrgLevel,
  Role,
  SupervisedBody,
  TOPIC_CHANGE_KINDS,
  lazySchema,
} from '@yipan/domain';
import { DisplayName, MembershipRef, NewPassword, Username } from './auth';
import { IdParam, Org } from './rest';

/**
 * The administration contract: organisations, members, users, sessions, security events and plan
 * history. Every route under `/api/admin` requires an administrator of the organisation concerned
 * (an admin manages their own organisation and those below it, never above).
 */

/** Longest name of an organisation, a committee or a reporting unit. */
const NAME_MAX = 100;
/** Most entries of one per-organisation list (committees, reporting units): far above real use. */
const LIST_MAX = 200;
/** Most supervised bodies sent for one organisation: there are four, and a repeat is harmless. */
const SUPERVISED_BODIES_MAX = 10;
/** Page size of lists when the caller gives none. */
export const DEFAULT_PAGE_LIMIT = 50;
/** Largest page a caller may ask for: history replays the log, so pages stay bounded. */
export const MAX_PAGE_LIMIT = 200;

const Name = lazySchema(() => z.string().trim().min(1).max(NAME_MAX));
/** A list of distinct names (duplicates are removed, order kept). */
const NameList = lazySchema(() =>
  z
    .array(Name)
    .max(LIST_MAX)
    .transform((names) => [...new Set(names)]),
);

/** `?limit=` of paged lists: 1…MAX_PAGE_LIMIT, DEFAULT_PAGE_LIMIT when absent. */
export const PageLimit = lazySchema(() =>
  z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
);

/**
 * An organisation with its own lists: committees (委室), the bodies it supervises and its reporting units,
 * and how it runs its plan lifecycle (approving body, whether the plan goes to the Party committee).
 */
export const OrgDetail = lazySchema(() =>
  Org.extend({
    committees: z.array(z.string()),
    supervisedBodies: z.array(SupervisedBody),
    reportingUnits: z.array(z.string()),
    settings: LifecycleSettings,
  }),
);
export type OrgDetail = z.infer<typeof OrgDetail>;

/** `GET /api/orgs/:orgId` and the answer of org create/update. */
export const OrgDetailResponse = lazySchema(() => z.object({ org: OrgDetail }));
export type OrgDetailResponse = z.infer<typeof OrgDetailResponse>;

/** `GET /api/admin/orgs`: the organisations the caller administers (their own and all below). */
export const AdminOrgsResponse = lazySchema(() => z.object({ orgs: z.array(OrgDetail) }));
export type AdminOrgsResponse = z.infer<typeof AdminOrgsResponse>;

/**
 * `POST /api/admin/orgs`: a child organisation under one the caller administers. Omitted lists get
 * defaults: DEFAULT_COMMITTEES, and all four supervised bodies (a township or liaison office: `gov` only).
 */
export const OrgCreateRequest = lazySchema(() =>
  z.object({
    name: Name,
    level: OrgLevel,
    parentId: IdParam,
    committees: NameList.optional(),
    supervisedBodies: z.array(SupervisedBody).max(SUPERVISED_BODIES_MAX).optional(),
    reportingUnits: NameList.optional(),
    /** Defaults to defaultLifecycleSettings(level): a township's plan is approved by its presidium. */
    settings: LifecycleSettings.optional(),
  }),
);
export type OrgCreateRequest = z.infer<typeof OrgCreateRequest>;

/**
 * `PATCH /api/admin/orgs/:orgId`: any subset of the fields. Moving (`parentId`) needs admin rights
 * over the organisation and its new parent, and never puts an organisation under its own subtree.
 */
export const OrgUpdateRequest = lazySchema(() => OrgCreateRequest.partial());
export type OrgUpdateRequest = z.infer<typeof OrgUpdateRequest>;

/** A user as administrators see them. */
export const UserSummary = lazySchema(() =>
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    createdAt: z.iso.datetime(),
  }),
);
export type UserSummary = z.infer<typeof UserSummary>;

/** One member of an organisation. */
export const Member = lazySchema(() =>
  z.object({
    user: UserSummary,
    orgId: z.string(),
    role: Role,
  }),
);
export type Member = z.infer<typeof Member>;

/** `GET /api/admin/orgs/:orgId/members`. */
export const MembersResponse = lazySchema(() => z.object({ members: z.array(Member) }));
export type MembersResponse = z.infer<typeof MembersResponse>;

/** `PUT /api/admin/orgs/:orgId/members/:userId`: adds the user to the organisation or changes their role. */
export const MemberUpsertRequest = lazySchema(() => z.object({ role: Role }));
export type MemberUpsertRequest = z.infer<typeof MemberUpsertRequest>;

/** Answer of a member upsert. `DELETE /api/admin/orgs/:orgId/members/:userId` answers 204. */
export const MemberResponse = lazySchema(() => z.object({ member: Member }));
export type MemberResponse = z.infer<typeof MemberResponse>;

/** `GET /api/admin/users`: users with a membership in an organisation the caller administers. */
export const AdminUsersResponse = lazySchema(() =>
  z.object({
    users: z.array(UserSummary.extend({ memberships: z.array(MembershipRef) })),
  }),
);
export type AdminUsersResponse = z.infer<typeof AdminUsersResponse>;

/**
 * `POST /api/admin/users`: a new account and its first membership, in an organisation the caller
 * administers (an account without membership would be one nobody can manage).
 */
export const UserCreateRequest = lazySchema(() =>
  z.object({
    username: Username,
    displayName: DisplayName,
    password: NewPassword,
    membership: MembershipRef,
  }),
);
export type UserCreateRequest = z.infer<typeof UserCreateRequest>;

/** Answer of a user create (201). */
export const UserCreateResponse = lazySchema(() =>
  z.object({ user: UserSummary, memberships: z.array(MembershipRef) }),
);
export type UserCreateResponse = z.infer<typeof UserCreateResponse>;

/** A signed-in session as administrators (and its owner) see it; never its secret. */
export const SessionSummary = lazySchema(() =>
  z.object({
    id: z.string(),
    user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    /** When it ends unless used again: the earlier of the idle and the absolute limit. */
    expiresAt: z.iso.datetime(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    /** True for the session making this request. */
    current: z.boolean(),
  }),
);
export type SessionSummary = z.infer<typeof SessionSummary>;

/**
 * `GET /api/admin/sessions?orgId=`: live sessions of the members of the organisations the caller
 * administers (optionally one subtree). `DELETE /api/admin/sessions/:sessionId` revokes one (204):
 * its open connections close within seconds. Users may also list and revoke their own via
 * `GET /api/me/sessions` and `DELETE /api/me/sessions/:sessionId`.
 */
export const SessionsResponse = lazySchema(() => z.object({ sessions: z.array(SessionSummary) }));
export type SessionsResponse = z.infer<typeof SessionsResponse>;

/** Query of `GET /api/admin/sessions`. */
export const SessionsQuery = lazySchema(() => z.object({ orgId: IdParam.optional() }));
export type SessionsQuery = z.infer<typeof SessionsQuery>;

/** Kinds of security events in the audit trail. */
export const SecurityEventKind = lazySchema(() =>
  z.enum([
    'sign_in_succeeded',
    'sign_in_failed',
    'sign_out',
    'session_revoked',
    'membership_changed',
    'user_created',
    'org_created',
    'org_changed',
    'access_denied',
    /** A plan moved through its lifecycle (detail: from, to, note). */
    'plan_transition',
    /** A frozen plan's adjustment opened, closed, or a version restored (detail: action, reason). */
    'plan_adjustment',
    /** The office's intake of proposals: submitted in the app, merged, ranked, accepted, declined (detail: action, planId, title…). */
    'proposal_intake',
    /** One chessboard: a topic marked joint, a parent topic answered (adopt, link, decline), links changed, a reminder sent (detail: action, planId…). */
    'alignment',
    /** Meetings: scheduled, agenda or members changed, started, ended, a vote opened or closed, a decision recorded, minutes drafted (detail: action, meetingId…). Ballots are never audited per voter. */
    'meeting',
    /** An organisation's public fields (公开设置) changed (detail: the settings before and after). */
    'disclosure_changed',
    /** A plan table imported into a plan (detail: file name, format, number of topics). */
    'plan_import',
  ]),
);
export type SecurityEventKind = z.infer<typeof SecurityEventKind>;

/** One security event. `detail` is event-specific JSON (e.g. `{role: {from, to}}`, `{reason}`). */
export const SecurityEvent = lazySchema(() =>
  z.object({
    id: z.number().int(),
    at: z.iso.datetime(),
    kind: SecurityEventKind,
    /** Who did it; null for a failed sign-in of an unknown user or an unauthenticated connection. */
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    /** What it concerned, e.g. `user:<id>`, `org:<id>`, `session:<id>`, `doc:plan:<id>`. */
    target: z.string().nullable(),
    /** The organisation it belongs to (scopes who may see it). */
    orgId: z.string().nullable(),
    ip: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  }),
);
export type SecurityEvent = z.infer<typeof SecurityEvent>;

/** Query of `GET /api/admin/security-events`: newest first, `before` an event id to page back. */
export const SecurityEventsQuery = lazySchema(() =>
  z.object({
    orgId: IdParam.optional(),
    kind: SecurityEventKind.optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: PageLimit,
  }),
);
export type SecurityEventsQuery = z.infer<typeof SecurityEventsQuery>;

/** `GET /api/admin/security-events`: events of the caller's organisation subtree, newest first. */
export const SecurityEventsResponse = lazySchema(() => z.object({ events: z.array(SecurityEvent) }));
export type SecurityEventsResponse = z.infer<typeof SecurityEventsResponse>;

/** One change of one topic (see `topicChanges` in @yipan/domain); `field` is a topic field name or `notes`. */
export const TopicChange = lazySchema(() =>
  z.object({
    topicId: z.string(),
    title: z.string(),
    kind: z.enum(TOPIC_CHANGE_KINDS),
    field: z.string().optional(),
    from: z.unknown().optional(),
    to: z.unknown().optional(),
    /** Steps, opinions, items and plan events: the change as a bilingual sentence (`workChanges` in @yipan/domain). */
    detail: z.object({ zh: z.string(), en: z.string() }).optional(),
  }),
);
export type TopicChange = z.infer<typeof TopicChange>;

/** One authored entry of a plan's update log and what it changed; a negative `seq` marks a lifecycle event (transition, adjustment). */
export const PlanHistoryEntry = lazySchema(() =>
  z.object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    author: z.object({ id: z.string(), displayName: z.string() }),
    changes: z.array(TopicChange),
  }),
);
export type PlanHistoryEntry = z.infer<typeof PlanHistoryEntry>;

/** Query of `GET /api/plans/:planId/history`. */
export const PlanHistoryQuery = lazySchema(() => z.object({ limit: PageLimit }));
export type PlanHistoryQuery = z.infer<typeof PlanHistoryQuery>;

/**
 * `GET /api/plans/:planId/history?limit=`: the newest `limit` entries that changed topics, newest
 * first (read access required). Replays the update log, so it costs O(history).
 */
export const PlanHistoryResponse = lazySchema(() => z.object({ entries: z.array(PlanHistoryEntry) }));
export type PlanHistoryResponse = z.infer<typeof PlanHistoryResponse>;
