import { z } from 'zod';
import {
  PlanStatus,
  PROPOSAL_CONTACT_MAX,
  PROPOSAL_DECLINE_REASON_MAX,
  PROPOSAL_TEXT_MAX,
  PROPOSAL_TITLE_MAX,
  ProposalIntakeState,
  SubmitterKind,
  TopicSource,
  lazySchema,
} from '@yipan/domain';
import { UserRef } from './lifecycle';
import { IdParam } from './rest';

/*
 * The wire contract of solicitation (征集): the public call (no sign-in), proposals from deputies and
 * committees inside the app, and the office's intake (merge, rank, accept, decline). The field limits
 * are the domain's (`Proposal`); the server validates with the domain schema and names failing fields.
 */

/** Stable codes of solicitation refusals. */
export const ProposalErrorCode = {
  /** 400: a proposal is empty or too long; the message names the fields. */
  invalidProposal: 'invalid_proposal',
  /** 400: declining without a reason. */
  reasonRequired: 'reason_required',
  /** 400: a merge into itself, into another plan's proposal or into one already decided. */
  invalidMerge: 'invalid_merge',
  /** 404: no such proposal in this plan. */
  proposalNotFound: 'proposal_not_found',
  /** 409: the plan is not soliciting, so it takes no proposals. */
  solicitationClosed: 'solicitation_closed',
  /** 409: the plan is past the stage where the office decides on proposals. */
  intakeClosed: 'intake_closed',
  /** 409: the proposal was already merged, accepted or declined; a decision is final. */
  alreadyDecided: 'already_decided',
  /** 429: too many proposals from this address or to this plan; see Retry-After. */
  tooManyProposals: 'too_many_proposals',
} as const;
export type ProposalErrorCode = (typeof ProposalErrorCode)[keyof typeof ProposalErrorCode];

/** The form's fields as the public and the app send them; emptiness and length are checked by the domain. */
const ProposalFields = lazySchema(() =>
  z.object({
    title: z.string().max(PROPOSAL_TITLE_MAX * 4),
    reason: z.string().max(PROPOSAL_TEXT_MAX * 4),
    problem: z.string().max(PROPOSAL_TEXT_MAX * 4),
    contact: z
      .string()
      .max(PROPOSAL_CONTACT_MAX * 4)
      .optional(),
  }),
);

/** `GET /api/public/plans/:planId/solicitation`: the minimum a signed-out visitor needs to propose. */
export const SolicitationResponse = lazySchema(() =>
  z.object({
    plan: z.object({
      id: z.string(),
      title: z.string(),
      orgName: z.string(),
      year: z.number().int(),
      /** Whether the call is open (the plan is soliciting). */
      open: z.boolean(),
    }),
  }),
);
export type SolicitationResponse = z.infer<typeof SolicitationResponse>;

/**
 * `POST /api/public/plans/:planId/proposals`. `website` is a honeypot: hidden from people and screen
 * readers, so only a bot fills it; such a submission is answered as received and stored nowhere.
 */
export const PublicProposalRequest = lazySchema(() =>
  ProposalFields.extend({ website: z.string().max(1_000).optional() }),
);
export type PublicProposalRequest = z.infer<typeof PublicProposalRequest>;

/** Answer of a public submission (201, or 202 for a honeypot hit): nothing about the stored row. */
export const PublicProposalResponse = lazySchema(() => z.object({ received: z.literal(true) }));
export type PublicProposalResponse = z.infer<typeof PublicProposalResponse>;

/** `POST /api/plans/:planId/proposals`: a deputy's or a committee's proposal, with its source type. */
export const SubmitProposalRequest = lazySchema(() =>
  ProposalFields.extend({
    submitterKind: SubmitterKind,
    source: TopicSource.optional(),
  }),
);
export type SubmitProposalRequest = z.infer<typeof SubmitProposalRequest>;

/** A proposal as the office's intake shows it. */
export const ProposalSummary = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    reason: z.string(),
    problem: z.string(),
    /** Shown to the office only: the public's contact stays private. */
    contact: z.string(),
    submitterKind: SubmitterKind,
    source: TopicSource,
    /** The signed-in submitter; null for the public form. */
    submittedBy: UserRef.nullable(),
    state: ProposalIntakeState,
    /** 1 = first; null until ranked. */
    rank: z.number().int().nullable(),
    mergedInto: z.string().nullable(),
    topicId: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decidedBy: UserRef.nullable(),
    /** ISO instants. */
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  }),
);
export type ProposalSummary = z.infer<typeof ProposalSummary>;

/** `GET /api/plans/:planId/proposals`: received ones in rank order, then the decided ones. */
export const ProposalsResponse = lazySchema(() =>
  z.object({
    status: PlanStatus,
    /** The plan takes new proposals (soliciting). */
    open: z.boolean(),
    /** The office may still merge, rank, accept and decline. */
    intakeOpen: z.boolean(),
    proposals: z.array(ProposalSummary),
  }),
);
export type ProposalsResponse = z.infer<typeof ProposalsResponse>;

/** Answer of a signed-in submission and of every intake decision: the proposal as it now stands. */
export const ProposalResponse = lazySchema(() => z.object({ proposal: ProposalSummary }));
export type ProposalResponse = z.infer<typeof ProposalResponse>;

/** `POST /api/plans/:planId/proposals/:proposalId/merge`: fold a duplicate into another proposal. */
export const MergeProposalRequest = lazySchema(() => z.object({ into: IdParam }));
export type MergeProposalRequest = z.infer<typeof MergeProposalRequest>;

/** Highest rank accepted: a call gets hundreds of proposals at most. */
const RANK_MAX = 10_000;

/** `PUT /api/plans/:planId/proposals/:proposalId/rank`: move a received proposal to this place (1 = first). */
export const RankProposalRequest = lazySchema(() =>
  z.object({ rank: z.number().int().min(1).max(RANK_MAX) }),
);
export type RankProposalRequest = z.infer<typeof RankProposalRequest>;

/** `POST /api/plans/:planId/proposals/:proposalId/decline`: a reason is required. */
export const DeclineProposalRequest = lazySchema(() =>
  z.object({
    reason: z.string().trim().min(1).max(PROPOSAL_DECLINE_REASON_MAX),
  }),
);
export type DeclineProposalRequest = z.infer<typeof DeclineProposalRequest>;

/** The public page of a plan's call, outside the signed-in app. */
export function publicProposePath(planId: string): string {
  return `/public/plans/${encodeURIComponent(planId)}/propose`;
}
