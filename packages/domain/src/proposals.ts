import { z } from 'zod';
import { TopicSource, type PlanStatus } from './glossary';
import { labelledEnum } from './labelledEnum';
import { EntityId, type NewTopic } from './planDoc';
import { lazySchema } from './lazySchema';

/**
 * Solicitation (征集): topic proposals from the public, deputies and committees, and how the office
 * takes them in. Proposals are stored by the server, not in the plan document; an accepted one becomes a topic.
 */

/** DOMAIN.md's public call asks for a topic, why, and which problem; the form keeps each part short. */
export const PROPOSAL_TITLE_MAX = 100;
/** Longest reason and longest problem description. */
export const PROPOSAL_TEXT_MAX = 2_000;
/** A name and a phone number or an e-mail address. */
export const PROPOSAL_CONTACT_MAX = 200;
/** Longest reason for declining a proposal. */
const DECLINE_REASON_MAX = 2_000;

const submitterKinds = labelledEnum([
  ['public', { zh: '社会公众', en: 'Member of the public' }],
  ['deputy', { zh: '人大代表', en: 'Deputy' }],
  ['committee', { zh: '委室', en: 'Committee' }],
] as const);
/** Who submitted a proposal: a member of the public, a deputy or a committee. */
export const SubmitterKind = submitterKinds.schema;
export type SubmitterKind = z.infer<typeof SubmitterKind>;
/** How each kind of submitter is named in the UI. */
export const SUBMITTER_KIND_LABELS = submitterKinds.labels;

/** The source a proposal gets when the submitter names none. */
export const DEFAULT_PROPOSAL_SOURCE: Record<SubmitterKind, TopicSource> = {
  public: 'public_solicitation',
  deputy: 'deputy_suggestions',
  committee: 'committee_research',
};

/**
 * A topic proposal as submitted. A member of the public's proposal is always `public_solicitation`:
 * a signed-out form must not be able to claim, say, a Party assignment.
 */
export const Proposal = lazySchema(() =>
  z
    .object({
      title: z.string().trim().min(1).max(PROPOSAL_TITLE_MAX),
      reason: z.string().trim().min(1).max(PROPOSAL_TEXT_MAX),
      problem: z.string().trim().min(1).max(PROPOSAL_TEXT_MAX),
      contact: z.string().trim().max(PROPOSAL_CONTACT_MAX).optional(),
      submitterKind: SubmitterKind,
      source: TopicSource.optional(),
    })
    .refine((p) => p.submitterKind !== 'public' || !p.source || p.source === 'public_solicitation', {
      message: 'a public proposal comes from public solicitation',
      path: ['source'],
    })
    .transform((p) => ({ ...p, source: p.source ?? DEFAULT_PROPOSAL_SOURCE[p.submitterKind] })),
);
export type Proposal = z.output<typeof Proposal>;
/** A proposal as a form sends it (the source may be left out). */
export type ProposalInput = z.input<typeof Proposal>;

const intakeStates = labelledEnum([
  ['received', { zh: '已收到', en: 'Received' }],
  ['merged', { zh: '已合并', en: 'Merged' }],
  ['accepted', { zh: '已采纳', en: 'Accepted' }],
  ['declined', { zh: '未采纳', en: 'Declined' }],
] as const);
/** Where a proposal stands in the office's intake: received, then merged, accepted or declined. */
export const ProposalIntakeState = intakeStates.schema;
export type ProposalIntakeState = z.infer<typeof ProposalIntakeState>;
/** How each intake state is named in the UI. */
export const PROPOSAL_INTAKE_STATE_LABELS = intakeStates.labels;

/** Longest reason for declining a proposal (the decline form's counter shows it). */
export const PROPOSAL_DECLINE_REASON_MAX = DECLINE_REASON_MAX;

/**
 * The office's decision on a received proposal: merged into another proposal (a duplicate, which then
 * follows that one's fate), accepted as a topic, or declined with a reason.
 */
export const ProposalDecision = lazySchema(() =>
  z.discriminatedUnion('state', [
    z.object({ state: z.literal('merged'), into: EntityId }),
    z.object({ state: z.literal('accepted'), topicId: EntityId }),
    z.object({ state: z.literal('declined'), reason: z.string().trim().min(1).max(DECLINE_REASON_MAX) }),
  ]),
);
export type ProposalDecision = z.infer<typeof ProposalDecision>;

/** Whether the office may take this decision on a proposal in this intake state; a decision is final. */
export function checkProposalDecision(
  current: ProposalIntakeState,
  decision: ProposalDecision,
): { ok: true; decision: ProposalDecision } | { ok: false; code: 'already_decided' | 'invalid_decision' } {
  if (current !== 'received') return { ok: false, code: 'already_decided' };
  const parsed = ProposalDecision.safeParse(decision);
  return parsed.success ? { ok: true, decision: parsed.data } : { ok: false, code: 'invalid_decision' };
}

/** Whether a plan takes new proposals: only while its call is open. */
export function isSolicitationOpen(status: PlanStatus): boolean {
  return status === 'soliciting';
}

/**
 * Statuses in which the office still merges, ranks, accepts and declines proposals: the call itself,
 * collating, and consulting the supervised bodies (a late proposal may still join the draft). Once the
 * plan goes to the Party committee its topics are settled, and later changes are adjustments.
 */
export const PROPOSAL_INTAKE_STATUSES: ReadonlySet<PlanStatus> = new Set<PlanStatus>([
  'soliciting',
  'collating',
  'consulting_bodies',
]);

/** Whether the office may still decide on proposals of a plan in this status. */
export function isIntakeOpen(status: PlanStatus): boolean {
  return PROPOSAL_INTAKE_STATUSES.has(status);
}

/**
 * The ranks of received proposals after moving one to `rank` (1 = first): the others keep their relative
 * order and everyone is renumbered 1…n, so ranks never tie or leave gaps. `ordered` is the current order.
 */
export function rerank(ordered: readonly string[], id: string, rank: number): Map<string, number> {
  const rest = ordered.filter((other) => other !== id);
  const at = Math.min(Math.max(Math.trunc(rank) - 1, 0), rest.length);
  const next = ordered.includes(id) ? [...rest.slice(0, at), id, ...rest.slice(at)] : rest;
  return new Map(next.map((other, index) => [other, index + 1]));
}

/** The topic a proposal becomes: its title, its source, and its reason and problem as notes (the contact stays private). */
export function toNewTopic(proposal: Proposal): NewTopic {
  return {
    title: proposal.title,
    sources: [proposal.source],
    notes: `提出理由：${proposal.reason}\n存在问题：${proposal.problem}`,
  };
}
