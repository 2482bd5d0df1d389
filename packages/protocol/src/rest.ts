import { z } from 'zod';
import { EntityId, OrgLevel, PlanStatus, lazySchema } from '@yipan/domain';

/** The error body of every failed request: a stable code and a readable message, never a stack trace. */
export const ErrorBody = lazySchema(() =>
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
);
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * One health check's result: whether it passes, and a few secret-free figures (counts, ages, an error
 * code such as `ECONNREFUSED`, never a message or a URL). Informational checks never fail the whole.
 */
export const HealthCheckResult = lazySchema(() =>
  z.object({
    ok: z.boolean(),
    informational: z.boolean(),
    /** The failure's code, or `timeout` when the check did not answer in time. */
    error: z.string().optional(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
);
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

/**
 * `GET /api/health` (no sign-in): 200 with `status: "ok"` when every required check passes, else 503
 * with `status: "failing"` and `failing` naming the checks that failed (`database`, `persistence`…).
 */
export const HealthResponse = lazySchema(() =>
  z.object({
    status: z.enum(['ok', 'failing']),
    db: z.enum(['sqlite', 'postgres']),
    /** The server is shutting down gracefully (readiness already answers 503). */
    draining: z.boolean(),
    failing: z.array(z.string()),
    checks: z.record(z.string(), HealthCheckResult),
  }),
);
export type HealthResponse = z.infer<typeof HealthResponse>;

/**
 * `GET /api/ready` (no sign-in), for load balancers: 200 when this process should get new clients; 503
 * while it shuts down (`draining`) or cannot reach the database, with the reasons.
 */
export const ReadyResponse = lazySchema(() =>
  z.object({
    status: z.enum(['ready', 'not_ready']),
    reasons: z.array(z.string()),
  }),
);
export type ReadyResponse = z.infer<typeof ReadyResponse>;

/** An organisation in the tree: a standing committee, a township presidium or a liaison office. */
export const Org = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    level: OrgLevel,
    parentId: z.string().nullable(),
  }),
);
export type Org = z.infer<typeof Org>;

/** `GET /api/orgs`: the organisations the caller may see. */
export const OrgsResponse = lazySchema(() => z.object({ orgs: z.array(Org) }));
export type OrgsResponse = z.infer<typeof OrgsResponse>;

/** A plan as lists show it; `docName` is the room of its document on `/yjs/`. */
export const PlanSummary = lazySchema(() =>
  z.object({
    id: z.string(),
    orgId: z.string(),
    year: z.number().int(),
    title: z.string(),
    status: PlanStatus,
    docName: z.string(),
  }),
);
export type PlanSummary = z.infer<typeof PlanSummary>;

/** `GET /api/orgs/:orgId/plans`. */
export const PlansResponse = lazySchema(() => z.object({ plans: z.array(PlanSummary) }));
export type PlansResponse = z.infer<typeof PlansResponse>;

/**
 * What the caller may do with a plan; the server decides, the UI only reflects it. `link`: link own
 * topics to this plan's (a parent's plan); `workflow`: move it through its lifecycle; `propose`: a
 * deputy's topic proposal.
 */
export const PlanPermissions = lazySchema(() =>
  z.object({
    read: z.boolean(),
    write: z.boolean(),
    link: z.boolean(),
    workflow: z.boolean(),
    propose: z.boolean(),
  }),
);
export type PlanPermissions = z.infer<typeof PlanPermissions>;

/** Earliest and latest year a plan may be opened for: congress terms, not arbitrary numbers. */
export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;
/** Longest plan title (e.g. 示范市人大常委会2022年度监督工作计划 fits many times over). */
export const PLAN_TITLE_MAX = 200;

/** `POST /api/orgs/:orgId/plans`: opens an organisation's (empty) plan of a year; the title has a default. */
export const CreatePlanRequest = lazySchema(() =>
  z.object({
    year: z.number().int().min(PLAN_YEAR_MIN).max(PLAN_YEAR_MAX),
    title: z.string().trim().min(1).max(PLAN_TITLE_MAX).optional(),
  }),
);
export type CreatePlanRequest = z.infer<typeof CreatePlanRequest>;

/** The answer to `POST /api/orgs/:orgId/plans` (201). */
export const CreatePlanResponse = lazySchema(() => z.object({ plan: PlanSummary }));
export type CreatePlanResponse = z.infer<typeof CreatePlanResponse>;

/** `GET /api/plans/:planId`: the plan, its organisation and what the caller may do with it. */
export const PlanResponse = lazySchema(() =>
  z.object({
    plan: PlanSummary.extend({ org: Org, permissions: PlanPermissions }),
  }),
);
export type PlanResponse = z.infer<typeof PlanResponse>;

/** Path parameters are ids: short, URL-safe (the domain's `EntityId`). */
export const IdParam = EntityId;

/** Longest note on a lifecycle transition. */
const TRANSITION_NOTE_MAX = 2_000;

/** `POST /api/plans/:planId/transitions`: move the plan to another lifecycle status (server-authoritative). */
export const TransitionRequest = lazySchema(() =>
  z.object({
    to: PlanStatus,
    note: z.string().trim().max(TRANSITION_NOTE_MAX).optional(),
  }),
);
export type TransitionRequest = z.infer<typeof TransitionRequest>;
