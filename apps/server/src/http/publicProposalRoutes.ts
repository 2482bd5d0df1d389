import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { isSolicitationOpen, PUBLISHED_STATUSES, type PlanStatus } from '@yipan/domain';
import { ProposalErrorCode, type PublicProposalResponse, type SolicitationResponse } from '@yipan/protocol';
import { checkOrigin } from '../auth/requestAuth';
import { announceProposals } from '../solicitation/announceProposals';
import { parseProposal } from '../solicitation/proposalInput';
import type { ProposalRateLimiter } from '../solicitation/ProposalRateLimiter';
import { idParam, ipOf, type ApiContext } from './apiContext';
import { HttpError, originMismatch, planNotFound } from './HttpError';

/**
 * Whether the public may learn that a plan exists: while it collects proposals and once it is published.
 * In between (collating … approved) it answers as an unknown plan would, so nothing leaks before publication.
 */
function publiclyKnown(status: PlanStatus): boolean {
  return isSolicitationOpen(status) || PUBLISHED_STATUSES.has(status);
}

/** Any JSON object; a body of another shape reads as empty, so the refusal names the missing fields. */
const FormBody = z.record(z.string(), z.unknown());

/** 409: the plan is not soliciting. */
export function solicitationClosed(): HttpError {
  return new HttpError(
    409,
    ProposalErrorCode.solicitationClosed,
    '该计划目前不在征集期，暂不接收议题建议 / This plan is not collecting proposals now',
  );
}

/** 429 with Retry-After: too many proposals from this address (or to this plan). */
function tooManyProposals(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new HttpError(
    429,
    ProposalErrorCode.tooManyProposals,
    `提交过于频繁，请 ${minutes} 分钟后再试 / Too many proposals; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { 'Retry-After': String(seconds) },
  );
}

/**
 * The public call for proposals (征集), no sign-in: what the form needs to know about the plan, and the
 * submission itself. Mounted before the CSRF middleware: a signed-out visitor has no session and so no
 * CSRF token, and the submission carries no one's authority, so there is nothing a forged request could
 * borrow. What a foreign page could still do is make its visitors' browsers submit for it; a browser
 * always sends Origin on a cross-site POST, so a foreign Origin (or Referer) is refused. Scripts that
 * send neither are held back by the limits per address and per plan, the size limits and the honeypot.
 * A session cookie that happens to come along is ignored: the proposal is the public's either way.
 */
export function publicProposalRoutes(context: ApiContext, limiter: ProposalRateLimiter): Router {
  const { db } = context;
  const routes = Router();

  routes.get('/plans/:planId/solicitation', async (request, response) => {
    const plan = await db.plans.get(idParam(request, 'planId'));
    if (!plan || !publiclyKnown(plan.status)) throw planNotFound();
    const org = await db.orgs.get(plan.orgId);
    if (!org) throw planNotFound();
    const body: SolicitationResponse = {
      plan: {
        id: plan.id,
        title: plan.title,
        orgName: org.name,
        year: plan.year,
        open: isSolicitationOpen(plan.status),
      },
    };
    response.json(body);
  });

  routes.post('/plans/:planId/proposals', async (request, response) => {
    if (checkOrigin(request, context.security) === 'mismatch') throw originMismatch();
    const plan = await db.plans.get(idParam(request, 'planId'));
    if (!plan || !publiclyKnown(plan.status)) throw planNotFound();
    if (!isSolicitationOpen(plan.status)) throw solicitationClosed();
    const form = FormBody.safeParse(request.body);
    const fields = form.success ? form.data : {};
    const proposal = parseProposal(fields, 'public');
    const ip = ipOf(request, context);
    const admitted = limiter.admit(ip, plan.id);
    if (!admitted.ok) throw tooManyProposals(admitted.waitMs);
    const received: PublicProposalResponse = { received: true };
    const website = fields.website;
    if (typeof website === 'string' ? website.trim() !== '' : website !== undefined && website !== null) {
      // Only a bot fills the hidden field: answer as if received, keep nothing.
      context.logger.info('public proposal dropped by the honeypot', { planId: plan.id, ip });
      response.status(202).json(received);
      return;
    }
    await db.proposals.insert({
      id: randomUUID(),
      planId: plan.id,
      title: proposal.title,
      reason: proposal.reason,
      problem: proposal.problem,
      contact: proposal.contact ?? '',
      submitterKind: 'public',
      source: proposal.source,
      submittedBy: null,
      createdAt: new Date(),
    });
    context.logger.info('public proposal received', { planId: plan.id, ip });
    announceProposals(context.io, plan.id);
    response.status(201).json(received);
  });

  return routes;
}
