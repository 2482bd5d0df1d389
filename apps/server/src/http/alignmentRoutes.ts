import { Router, type Request } from 'express';
import type { PlanAction } from '@yipan/domain';
import {
  AnswerRequest,
  JointRequest,
  LinksRequest,
  ReminderRequest,
  UpstreamActionRequest,
  type AlignmentResponse,
  type AlignmentRowResponse,
  type AnswerResponse,
  type ReadReceiptResponse,
  type ReminderResponse,
  type UpstreamResponse,
} from '@yipan/protocol';
import { toMatrixView } from '../alignment/matrixView';
import { toPlanSummary } from './planRoutes';
import { idParam, ipOf, parseInput, requirePlan, type ApiContext } from './apiContext';

/**
 * One chessboard's routes. Reading the matrix or the upstream view needs `read` on the plan (and a session:
 * the matrix is not among a published plan's public fields); the matrix, its rows and its export then show
 * only the children whose plans the caller may read. Everything that writes needs `write` on the plan it writes (and `link` on the parent plan for answers and links), which the
 * service checks with the freeze of approved plans.
 */
export function alignmentRoutes(context: ApiContext): Router {
  const { alignment } = context;
  const routes = Router();

  /** The plan, the tree and the caller as the service checks and records them (see `requirePlan`). */
  async function planFor(request: Request, action: PlanAction = 'read') {
    const { auth, plan, tree, may } = await requirePlan(request, context, action);
    const who = { id: auth.user.id, ip: ipOf(request, context), actor: auth.actor };
    return { plan, tree, who, may };
  }

  routes.get('/plans/:planId/alignment', async (request, response) => {
    const { plan, tree, who, may } = await planFor(request);
    const body: AlignmentResponse = {
      plan: toPlanSummary(plan),
      matrix: toMatrixView(await alignment.matrix(plan, tree, who.actor)),
      canManage: may('write'),
    };
    response.json(body);
  });

  routes.get('/plans/:planId/alignment/rows/:topicId', async (request, response) => {
    const { plan, tree, who } = await planFor(request);
    const topicId = idParam(request, 'topicId');
    const body: AlignmentRowResponse = await alignment.row(plan, tree, topicId, who.actor);
    response.json(body);
  });

  routes.put('/plans/:planId/topics/:topicId/joint', async (request, response) => {
    const { plan, tree, who } = await planFor(request, 'write');
    const input = parseInput(JointRequest, request.body);
    await alignment.setJoint(plan, idParam(request, 'topicId'), input, who, tree);
    response.json(input);
  });

  routes.put('/plans/:planId/topics/:topicId/links', async (request, response) => {
    const { plan, tree, who } = await planFor(request, 'write');
    const input = parseInput(LinksRequest, request.body);
    await alignment.setLinks(plan, idParam(request, 'topicId'), input.links, who, tree);
    response.json(input);
  });

  routes.get('/plans/:planId/upstream', async (request, response) => {
    const { plan, tree, who } = await planFor(request);
    const body: UpstreamResponse = await alignment.upstream(plan, who, tree);
    response.json(body);
  });

  routes.post('/plans/:planId/upstream', async (request, response) => {
    const { plan, tree, who } = await planFor(request, 'write');
    const input = parseInput(UpstreamActionRequest, request.body);
    await alignment.upstreamAction(plan, input, who, tree);
    response.json({ ok: true });
  });

  routes.post('/plans/:planId/answers', async (request, response) => {
    const { plan, tree, who } = await planFor(request, 'write');
    const input = parseInput(AnswerRequest, request.body);
    const body: AnswerResponse = { topicId: await alignment.answer(plan, input, who, tree) };
    response.status(input.answer === 'adopt' ? 201 : 200).json(body);
  });

  routes.post('/plans/:planId/reminders', async (request, response) => {
    const { plan, tree, who } = await planFor(request, 'write');
    const input = parseInput(ReminderRequest, request.body ?? {});
    const body: ReminderResponse = { orgIds: await alignment.remind(plan, input.orgIds, who, tree) };
    response.json(body);
  });

  routes.post('/plans/:planId/read', async (request, response) => {
    const { plan, tree, who } = await planFor(request);
    const body: ReadReceiptResponse = { recorded: await alignment.recordRead(plan, who, tree) };
    response.json(body);
  });

  return routes;
}
