import { z } from 'zod';
import type { PlanAction } from './access';
import {
  ApprovingBody,
  APPROVING_BODY_LABELS,
  PLAN_STATUSES,
  type Label,
  type OrgLevel,
  type PlanStatus,
} from './glossary';
import { lazySchema } from './lazySchema';

/**
 * The plan lifecycle of DOMAIN.md as data. The server is the only one to move a plan (DESIGN.md, truth 2):
 * it asks `checkTransition`, checks `can(actor, transition.action, …)` and records the note and decider.
 */

/** How an organisation runs its lifecycle; practice varies by locality (DOMAIN.md, steps 4 and 5). */
export const LifecycleSettings = lazySchema(() =>
  z.object({
    /** Whether the plan goes to the Party committee before approval (practice, not law). */
    partyReview: z.boolean(),
    approvingBody: ApprovingBody,
  }),
);
export type LifecycleSettings = z.infer<typeof LifecycleSettings>;

/** The law's default: the council of chairs passes the plan, after the Party committee has reviewed it. */
export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = {
  partyReview: true,
  approvingBody: 'council_of_chairs',
};

/** Default settings for a level: a township's plan is approved by its presidium. */
export function defaultLifecycleSettings(level: OrgLevel): LifecycleSettings {
  return level === 'township'
    ? { ...DEFAULT_LIFECYCLE_SETTINGS, approvingBody: 'township_presidium' }
    : { ...DEFAULT_LIFECYCLE_SETTINGS };
}

/** Who takes the decision a transition records (the office staff only enter it). */
export type Decider = ApprovingBody | 'office' | 'party_committee';
/** How each decider is named in the UI. */
export const DECIDER_LABELS: Record<Decider, Label> = {
  ...APPROVING_BODY_LABELS,
  office: { zh: '办公室', en: 'Office' },
  party_committee: { zh: '党委', en: 'Party committee' },
};

/**
 * advance: forward along the path; return: one step back before approval. A mid-year adjustment is a
 * record opened on a frozen plan (adjustments.ts), not a move of its status.
 */
export type TransitionKind = 'advance' | 'return';

/** One allowed move of a plan under given settings. */
export type PlanTransition = {
  from: PlanStatus;
  to: PlanStatus;
  kind: TransitionKind;
  /** The access action the acting user needs (`workflow`: admins of the owning organisation). */
  action: PlanAction;
  decidedBy: Decider;
  /** A reason must be recorded: why a plan is sent back or adjusted. */
  requiresNote: boolean;
  /** The approved text is frozen as a named version when the plan enters this status. */
  freezesVersion: boolean;
};

/** Placeholder resolved from the settings: the approving body. */
type DeciderRef = Decider | 'approving_body';
type Edge = [
  from: PlanStatus,
  to: PlanStatus,
  kind: TransitionKind,
  decider: DeciderRef,
  when?: 'party_review',
];

/** Every edge of the lifecycle; `when: 'party_review'` edges exist only when the org reviews, and the bypass only when it doesn't. */
const EDGES: readonly Edge[] = [
  ['soliciting', 'collating', 'advance', 'office'],
  ['collating', 'consulting_bodies', 'advance', 'office'],
  ['consulting_bodies', 'party_review', 'advance', 'council_of_chairs', 'party_review'],
  ['party_review', 'approved', 'advance', 'approving_body', 'party_review'],
  ['consulting_bodies', 'approved', 'advance', 'approving_body'],
  ['approved', 'published', 'advance', 'office'],
  ['published', 'executing', 'advance', 'office'],
  ['executing', 'year_review', 'advance', 'office'],
  ['year_review', 'archived', 'advance', 'office'],
  ['collating', 'soliciting', 'return', 'office'],
  ['consulting_bodies', 'collating', 'return', 'office'],
  ['party_review', 'consulting_bodies', 'return', 'party_committee', 'party_review'],
];

/** Approved and everything after it: the plan text is frozen and every edit is a recorded adjustment. */
export const FROZEN_STATUSES: ReadonlySet<PlanStatus> = new Set(
  PLAN_STATUSES.slice(PLAN_STATUSES.indexOf('approved')),
);

/**
 * Who decides an adjustment (计划调整) of a frozen plan: the law gives it to the council of chairs; a
 * township has only its presidium.
 */
export function adjustingBody(settings: LifecycleSettings): ApprovingBody {
  return settings.approvingBody === 'township_presidium' ? 'township_presidium' : 'council_of_chairs';
}

/** The body whose plan it is, as an official title names it: a township's presidium, a liaison office, else the standing committee. */
function planBodyName(level: OrgLevel): string {
  if (level === 'township') return '人大主席团';
  return level === 'liaison_office' ? '人大工委' : '人大常委会';
}

/** The official title of an organisation's annual plan, e.g. 示范市人大常委会2021年度监督工作计划. */
export function officialPlanTitle(org: { name: string; level: OrgLevel }, year: number): string {
  return `${org.name}${planBodyName(org.level)}${year}年度监督工作计划`;
}

/** The name of the version frozen on approval, e.g. 2021年监督工作计划（审议通过稿）. */
export function approvedVersionName(year: number): string {
  return `${year}年监督工作计划（审议通过稿）`;
}

/** Whether edits to a plan in this status are adjustments that need a reason and a decider. */
export function isFrozen(status: PlanStatus): boolean {
  return FROZEN_STATUSES.has(status);
}

function resolveDecider(ref: DeciderRef, settings: LifecycleSettings): Decider {
  return ref === 'approving_body' ? settings.approvingBody : ref;
}

/** All transitions an organisation's lifecycle allows. */
export function lifecycleTransitions(settings: LifecycleSettings): PlanTransition[] {
  return EDGES.filter(([from, to, , , when]) => {
    if (when === 'party_review') return settings.partyReview;
    // The bypass of party review exists only where the organisation skips it.
    return !(from === 'consulting_bodies' && to === 'approved' && settings.partyReview);
  }).map(([from, to, kind, decider]) => ({
    from,
    to,
    kind,
    action: 'workflow',
    decidedBy: resolveDecider(decider, settings),
    requiresNote: kind === 'return',
    freezesVersion: to === 'approved',
  }));
}

/** The main path from soliciting to archived under the settings, for a progress bar. */
export function lifecyclePath(settings: LifecycleSettings): PlanStatus[] {
  const path: PlanStatus[] = ['soliciting'];
  const transitions = lifecycleTransitions(settings).filter((t) => t.kind === 'advance');
  const advanceFrom = (status: PlanStatus) => transitions.find((t) => t.from === status)?.to;
  for (let next = advanceFrom('soliciting'); next; next = advanceFrom(next)) path.push(next);
  return path;
}

/** The statuses a plan may move to next, forward moves first. */
export function nextStatuses(status: PlanStatus, settings: LifecycleSettings): PlanStatus[] {
  return lifecycleTransitions(settings)
    .filter((t) => t.from === status)
    .map((t) => t.to);
}

/** Stable codes of a refused lifecycle transition (sent as `error.code`). */
export type TransitionErrorCode =
  | 'same_status'
  | 'plan_archived'
  | 'party_review_disabled'
  | 'party_review_required'
  | 'skips_status'
  | 'illegal_transition'
  | 'note_required';

/** A human-readable message for each refusal code. */
export const TRANSITION_ERROR_LABELS: Record<TransitionErrorCode, Label> = {
  same_status: { zh: '计划已处于该状态', en: 'The plan is already in that status' },
  plan_archived: { zh: '计划已归档', en: 'The plan is archived' },
  party_review_disabled: { zh: '本单位不报党委审定', en: 'This organisation skips Party review' },
  party_review_required: { zh: '须先报党委审定', en: 'Party review comes first' },
  skips_status: { zh: '不能跳过中间环节', en: 'A status cannot be skipped' },
  illegal_transition: { zh: '不允许的状态变更', en: 'This status change is not allowed' },
  note_required: { zh: '须说明理由', en: 'A reason is required' },
};

/** The answer of `checkTransition`: the transition to record, or why not. */
export type TransitionCheck =
  { ok: true; transition: PlanTransition } | { ok: false; code: TransitionErrorCode };

/** Whether a plan may move from one status to another, with the transition to record or a stable refusal code. */
export function checkTransition(
  from: PlanStatus,
  to: PlanStatus,
  settings: LifecycleSettings,
  note?: string,
): TransitionCheck {
  if (from === to) return { ok: false, code: 'same_status' };
  if (from === 'archived') return { ok: false, code: 'plan_archived' };
  const transition = lifecycleTransitions(settings).find((t) => t.from === from && t.to === to);
  if (transition) {
    if (transition.requiresNote && !note?.trim()) return { ok: false, code: 'note_required' };
    return { ok: true, transition };
  }
  if (to === 'party_review' && !settings.partyReview) return { ok: false, code: 'party_review_disabled' };
  if (from === 'consulting_bodies' && to === 'approved') return { ok: false, code: 'party_review_required' };
  const path = lifecyclePath(settings);
  const [fromIndex, toIndex] = [path.indexOf(from), path.indexOf(to)];
  if (fromIndex >= 0 && toIndex > fromIndex) return { ok: false, code: 'skips_status' };
  return { ok: false, code: 'illegal_transition' };
}
