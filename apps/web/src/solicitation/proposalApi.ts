import {
  ProposalResponse,
  PublicProposalResponse,
  type PublicProposalRequest,
  type SubmitProposalRequest,
} from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';
import { proposalsChanged } from './proposalEvents';

/** URL of a plan's proposals (the office's intake). */
export function proposalsUrl(planId: string): string {
  return `/api/plans/${encodeURIComponent(planId)}/proposals`;
}

/** URL of the public form's facts about a plan's call. */
export function solicitationUrl(planId: string): string {
  return `/api/public/plans/${encodeURIComponent(planId)}/solicitation`;
}

function proposalUrl(planId: string, proposalId: string, action: string): string {
  return `${proposalsUrl(planId)}/${encodeURIComponent(proposalId)}/${action}`;
}

/** Sends the public form (signed out). */
export function submitPublicProposal(planId: string, body: PublicProposalRequest) {
  return sendJson(
    'POST',
    `/api/public/plans/${encodeURIComponent(planId)}/proposals`,
    body,
    PublicProposalResponse,
    { expectUnauthenticated: true },
  );
}

/** Submits a deputy's or a committee's proposal from inside the app. */
export async function submitProposal(planId: string, body: SubmitProposalRequest) {
  const answer = await sendJson('POST', proposalsUrl(planId), body, ProposalResponse);
  proposalsChanged();
  return answer;
}

/** The office's decisions; each re-reads the intake when done. */
export const intakeActions = {
  async merge(planId: string, proposalId: string, into: string) {
    await sendJson('POST', proposalUrl(planId, proposalId, 'merge'), { into }, ProposalResponse);
    proposalsChanged();
  },
  async rank(planId: string, proposalId: string, rank: number) {
    await sendJson('PUT', proposalUrl(planId, proposalId, 'rank'), { rank }, ProposalResponse);
    proposalsChanged();
  },
  async accept(planId: string, proposalId: string) {
    await sendJson('POST', proposalUrl(planId, proposalId, 'accept'), undefined, ProposalResponse);
    proposalsChanged();
  },
  async decline(planId: string, proposalId: string, reason: string) {
    await sendJson('POST', proposalUrl(planId, proposalId, 'decline'), { reason }, ProposalResponse);
    proposalsChanged();
  },
};
