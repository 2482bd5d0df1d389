import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { Router } from 'express';
import {
  addTopic,
  checkProposalDecision,
  isIntakeOpen,
  isSolicitationOpen,
  newTopicId,
  planDocName,
  rerank,
  toNewTopic,
  type ProposalDecision,
  type TopicSource,
} from '@yipan/domain';
import type { PlanRow, ProposalDecisionRecord, ProposalRow } from '@yipan/db';
import {
  DeclineProposalRequest,
  MergeProposalRequest,
  ProposalErrorCode,
  RankProposalRequest,
  SubmitProposalRequest,
  type ProposalResponse,
  type ProposalsResponse,
  type ProposalSummary,
  type UserRef,
} from '@yipan/protocol';
import { announceProposals } from '../solicitation/announceProposals';
import { invalidProposal, parseProposal } from '../solicitation/proposalInput';
import { idParam, ipOf, parseInput, requirePlan, type ApiContext } from './apiContext';
import { badRequest, forbidden, HttpError } from './HttpError';
import { solicitationClosed } from './publicProposalRoutes';

/** 404: no such proposal in this plan. */
const proposalNotFound = () =>
  new HttpError(404, ProposalErrorCode.proposalNotFound, '议题建议不存在 / Proposal not found');

/** 409: the plan went past the stage where proposals are decided. */
const intakeClosed = () =>
  new HttpError(
    409,
    ProposalErrorCode.intakeClosed,
    '计划已进入报党委审定或之后的阶段，不再处理议题建议 / The plan is past the stage where proposals are decided',
  );

/** 409: merged, accepted or declined already. */
const alreadyDecided = () =>
  new HttpError(
    409,
    ProposalErrorCode.alreadyDecided,
    '该建议已处理，处理结果不可更改 / This proposal has been decided already; a decision is final',
  );

function toIso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/**
 * The signed-in side of solicitation: deputies and committees propose topics from inside the app, and
 * the owning organisation's editors and admins (the office) take them in: list, merge duplicates, rank,
 * accept into the plan document (keeping the source) or decline with a reason. Every change is announced
 * as `plan:proposals` to the plan's watchers; who decided what and when is kept on the proposal itself.
 */
export function proposalRoutes(context: ApiContext): Router {
  const { db } = context;
  const routes = Router();

  /** The plan and what the caller may do with it: 401 signed out, 404 unknown, 403 without read. */
  async function planFor(request: Request) {
    const { auth, plan, may } = await requirePlan(request, context);
    return { auth, plan, canIntake: may('write'), canPropose: may('propose') };
  }

  /** The office's view: 403 unless the caller edits the owning organisation's plans. */
  async function intakeFor(request: Request) {
    const found = await planFor(request);
    if (!found.canIntake) throw forbidden();
    return found;
  }

  /** A received proposal of this plan while the intake is open. */
  async function receivedProposal(plan: PlanRow, request: Request): Promise<ProposalRow> {
    const proposal = await db.proposals.get(plan.id, idParam(request, 'proposalId'));
    if (!proposal) throw proposalNotFound();
    if (!isIntakeOpen(plan.status)) throw intakeClosed();
    if (proposal.state !== 'received') throw alreadyDecided();
    return proposal;
  }

  async function summaries(rows: readonly ProposalRow[]): Promise<ProposalSummary[]> {
    const ids = new Set(rows.flatMap((row) => [row.submittedBy, row.decidedBy]));
    ids.delete(null);
    const users = await db.users.getMany([...ids].filter((id): id is string => id !== null));
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    const ref = (id: string | null): UserRef | null =>
      id === null ? null : { id, displayName: names.get(id) ?? id };
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      reason: row.reason,
      problem: row.problem,
      contact: row.contact,
      submitterKind: row.submitterKind,
      source: row.source,
      submittedBy: ref(row.submittedBy),
      state: row.state,
      rank: row.rank,
      mergedInto: row.mergedInto,
      topicId: row.topicId,
      decisionReason: row.decisionReason,
      decidedBy: ref(row.decidedBy),
      decidedAt: toIso(row.decidedAt),
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async function answer(row: ProposalRow): Promise<ProposalResponse> {
    const [proposal] = await summaries([row]);
    if (!proposal) throw proposalNotFound();
    return { proposal };
  }

  /** Records one change of the intake in the audit trail and tells the plan's watchers to re-read it. */
  async function changed(
    request: Request,
    plan: PlanRow,
    actorId: string,
    proposal: Pick<ProposalRow, 'id' | 'title'>,
    action: 'submitted' | 'merged' | 'ranked' | 'accepted' | 'declined',
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await context.audit.record({
      kind: 'proposal_intake',
      actorId,
      target: `proposal:${proposal.id}`,
      orgId: plan.orgId,
      ip: ipOf(request, context),
      detail: { action, planId: plan.id, title: proposal.title, ...detail },
    });
    announceProposals(context.io, plan.id);
  }

  /** Records a validated decision; a concurrent decision that won first makes this one a 409. */
  async function record(
    plan: PlanRow,
    proposal: ProposalRow,
    decision: ProposalDecision,
    decidedBy: string,
  ): Promise<ProposalRow> {
    const checked = checkProposalDecision(proposal.state, decision);
    if (!checked.ok) throw checked.code === 'already_decided' ? alreadyDecided() : badRequest();
    const stored: ProposalDecisionRecord = {
      state: decision.state,
      decidedBy,
      decidedAt: new Date(),
      ...(decision.state === 'merged' && { mergedInto: decision.into }),
      ...(decision.state === 'accepted' && { topicId: decision.topicId }),
      ...(decision.state === 'declined' && { reason: decision.reason }),
    };
    const decided = await db.proposals.decide(plan.id, proposal.id, stored);
    if (!decided) throw alreadyDecided();
    return decided;
  }

  routes.post('/plans/:planId/proposals', async (request, response) => {
    const { auth, plan, canIntake, canPropose } = await planFor(request);
    if (!canIntake && !canPropose) throw forbidden();
    const body = SubmitProposalRequest.safeParse(request.body);
    if (!body.success) {
      const raw: unknown = request.body;
      throw invalidProposal(body.error, typeof raw === 'object' && raw !== null ? { ...raw } : {});
    }
    // A deputy proposes as a deputy; the office may also record a committee's or a letter's proposal.
    if (!canIntake && body.data.submitterKind !== 'deputy') throw forbidden();
    if (!isSolicitationOpen(plan.status)) throw solicitationClosed();
    const proposal = parseProposal(body.data, body.data.submitterKind);
    const id = randomUUID();
    await db.proposals.insert({
      id,
      planId: plan.id,
      title: proposal.title,
      reason: proposal.reason,
      problem: proposal.problem,
      contact: proposal.contact ?? '',
      submitterKind: proposal.submitterKind,
      source: proposal.source,
      submittedBy: auth.user.id,
      createdAt: new Date(),
    });
    await changed(request, plan, auth.user.id, { id, title: proposal.title }, 'submitted', {
      submitterKind: proposal.submitterKind,
      source: proposal.source,
    });
    const stored = await db.proposals.get(plan.id, id);
    if (!stored) throw proposalNotFound();
    response.status(201).json(await answer(stored));
  });

  routes.get('/plans/:planId/proposals', async (request, response) => {
    const { plan } = await intakeFor(request);
    const body: ProposalsResponse = {
      status: plan.status,
      open: isSolicitationOpen(plan.status),
      intakeOpen: isIntakeOpen(plan.status),
      proposals: await summaries(await db.proposals.listByPlan(plan.id)),
    };
    response.json(body);
  });

  routes.post('/plans/:planId/proposals/:proposalId/merge', async (request, response) => {
    const { auth, plan } = await intakeFor(request);
    const { into } = parseInput(MergeProposalRequest, request.body);
    const proposal = await receivedProposal(plan, request);
    const target = await db.proposals.get(plan.id, into);
    // A duplicate joins a proposal still open or already accepted, never itself or a dead end.
    if (!target || target.id === proposal.id || (target.state !== 'received' && target.state !== 'accepted'))
      throw new HttpError(
        400,
        ProposalErrorCode.invalidMerge,
        '只能合并到本计划中另一条待处理或已采纳的建议 / Merge only into another received or accepted proposal of this plan',
      );
    const merged = await record(plan, proposal, { state: 'merged', into: target.id }, auth.user.id);
    await changed(request, plan, auth.user.id, proposal, 'merged', {
      into: target.id,
      intoTitle: target.title,
    });
    response.json(await answer(merged));
  });

  routes.put('/plans/:planId/proposals/:proposalId/rank', async (request, response) => {
    const { auth, plan } = await intakeFor(request);
    const { rank } = parseInput(RankProposalRequest, request.body);
    const proposal = await receivedProposal(plan, request);
    const waiting = (await db.proposals.listByPlan(plan.id))
      .filter((row) => row.state === 'received')
      .map((row) => row.id);
    await db.proposals.setRanks(plan.id, rerank(waiting, proposal.id, rank));
    await changed(request, plan, auth.user.id, proposal, 'ranked', { rank });
    const ranked = await db.proposals.get(plan.id, proposal.id);
    if (!ranked) throw proposalNotFound();
    response.json(await answer(ranked));
  });

  routes.post('/plans/:planId/proposals/:proposalId/accept', async (request, response) => {
    const { auth, plan } = await intakeFor(request);
    const proposal = await receivedProposal(plan, request);
    // Claimed first, so two clicks never add two topics; given back if the document cannot take it.
    const topicId = newTopicId();
    const accepted = await record(plan, proposal, { state: 'accepted', topicId }, auth.user.id);
    const duplicates = (await db.proposals.listByPlan(plan.id)).filter(
      (row) => row.state === 'merged' && row.mergedInto === proposal.id,
    );
    // The topic keeps the source of the proposal and of every duplicate folded into it.
    const sources = [...new Set<TopicSource>([proposal.source, ...duplicates.map((row) => row.source)])];
    try {
      await context.docs.editDoc(planDocName(plan.id), auth.user.id, (doc) =>
        addTopic(doc, { ...toNewTopic(proposal), sources }, { id: topicId, author: auth.user.id }),
      );
    } catch (error) {
      await db.proposals.reopen(plan.id, proposal.id);
      throw error;
    }
    await changed(request, plan, auth.user.id, proposal, 'accepted', { topicId, sources });
    response.json(await answer(accepted));
  });

  routes.post('/plans/:planId/proposals/:proposalId/decline', async (request, response) => {
    const { auth, plan } = await intakeFor(request);
    const parsed = DeclineProposalRequest.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(
        '不采纳须填写理由 / A reason is required to decline a proposal',
        ProposalErrorCode.reasonRequired,
      );
    const proposal = await receivedProposal(plan, request);
    const declined = await record(
      plan,
      proposal,
      { state: 'declined', reason: parsed.data.reason },
      auth.user.id,
    );
    await changed(request, plan, auth.user.id, proposal, 'declined', { reason: parsed.data.reason });
    response.json(await answer(declined));
  });

  return routes;
}
