import { Router, type Request } from 'express';
import { defaultLifecycleSettings, type PlanAction } from '@yipan/domain';
import {
  CreateVersionRequest,
  DiffQuery,
  OpenAdjustmentRequest,
  RestoreVersionRequest,
  TransitionRequest,
  type AdjustmentResponse,
  type AdjustmentsResponse,
  type CreateVersionResponse,
  type DiffResponse,
  type LifecycleResponse,
  type TransitionResponse,
  type VersionResponse,
  type VersionsResponse,
} from '@yipan/protocol';
import { LifecycleService } from '../lifecycle/LifecycleService';
import { idParam, ipOf, parseInput, requirePlan, type ApiContext } from './apiContext';

/**
 * The lifecycle routes of a plan: transitions, named versions, differences and adjustments. Reading
 * needs `read` on the plan; saving a version, adjusting and restoring need `write`; moving needs
 * `workflow` (admins of the owning organisation). The service decides everything else.
 */
export function lifecycleRoutes(context: ApiContext): Router {
  const { db } = context;
  const service = new LifecycleService({
    db,
    docs: context.docs,
    io: context.io,
    audit: context.audit,
    logger: context.logger.child('lifecycle'),
  });
  const routes = Router();

  /** The plan, its organisation's settings and the caller, or 401/404/403 unless the caller may `action`. */
  async function planFor(request: Request, action: PlanAction) {
    const { auth, plan, tree, may } = await requirePlan(request, context, action);
    const settings = tree.byId.get(plan.orgId)?.settings ?? defaultLifecycleSettings('county');
    const user = { id: auth.user.id, ip: ipOf(request, context) };
    return { plan, tree, settings, user, may };
  }

  routes.get('/plans/:planId/lifecycle', async (request, response) => {
    const { plan, settings, may } = await planFor(request, 'read');
    const body: LifecycleResponse = await service.lifecycle(plan, settings, may('workflow'));
    response.json(body);
  });

  routes.post('/plans/:planId/transitions', async (request, response) => {
    const { plan, tree, settings, user } = await planFor(request, 'workflow');
    const input = parseInput(TransitionRequest, request.body);
    const body: TransitionResponse = await service.transition(plan.id, settings, input.to, input.note, user);
    // The children hear of a publication after it stands; a failed notice does not undo it.
    if (input.to === 'published') await context.alignment.planPublished(plan, tree);
    response.json(body);
  });

  routes.get('/plans/:planId/versions', async (request, response) => {
    const { plan } = await planFor(request, 'read');
    const body: VersionsResponse = { versions: await service.versions(plan.id) };
    response.json(body);
  });

  routes.post('/plans/:planId/versions', async (request, response) => {
    const { plan, user } = await planFor(request, 'write');
    const input = parseInput(CreateVersionRequest, request.body);
    const body: CreateVersionResponse = { version: await service.createVersion(plan, input.name, user) };
    response.status(201).json(body);
  });

  routes.get('/plans/:planId/versions/:versionId', async (request, response) => {
    const { plan } = await planFor(request, 'read');
    const body: VersionResponse = await service.version(plan.id, idParam(request, 'versionId'));
    response.json(body);
  });

  routes.get('/plans/:planId/diff', async (request, response) => {
    const { plan } = await planFor(request, 'read');
    const query = parseInput(DiffQuery, request.query);
    const body: DiffResponse = await service.diff(plan.id, query.from, query.to);
    response.json(body);
  });

  routes.post('/plans/:planId/versions/:versionId/restore', async (request, response) => {
    const { plan, user } = await planFor(request, 'write');
    const versionId = idParam(request, 'versionId');
    const input = parseInput(RestoreVersionRequest, request.body);
    const body: AdjustmentResponse = { adjustment: await service.restore(plan.id, versionId, input, user) };
    response.json(body);
  });

  routes.get('/plans/:planId/adjustments', async (request, response) => {
    const { plan } = await planFor(request, 'read');
    const body: AdjustmentsResponse = { adjustments: await service.adjustments(plan.id) };
    response.json(body);
  });

  routes.post('/plans/:planId/adjustments', async (request, response) => {
    const { plan, user } = await planFor(request, 'write');
    const input = parseInput(OpenAdjustmentRequest, request.body);
    const body: AdjustmentResponse = { adjustment: await service.openAdjustment(plan.id, input, user) };
    response.status(201).json(body);
  });

  routes.post('/plans/:planId/adjustments/:adjustmentId/close', async (request, response) => {
    const { plan, user, may } = await planFor(request, 'write');
    const adjustmentId = idParam(request, 'adjustmentId');
    const adjustment = await service.closeAdjustment(plan.id, adjustmentId, user, may('workflow'));
    const body: AdjustmentResponse = { adjustment };
    response.json(body);
  });

  return routes;
}
