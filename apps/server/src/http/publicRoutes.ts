import { Router } from 'express';
import { publicFieldsOf } from '@yipan/domain';
import type { PublicPlanResponse, PublicPlansResponse } from '@yipan/protocol';
import { loadPublicIndex, loadPublicPlan } from '../disclosure/publicCatalog';
import { setPublicCache } from '../disclosure/publicCache';
import { idParam, type ApiContext } from './apiContext';
import { planNotFound } from './HttpError';

/**
 * The public API of disclosure (监督公开), no sign-in: published plans and their public topics only.
 * An unpublished plan answers exactly like an unknown one (404 `plan_not_found`), so its existence does
 * not leak. Answers are cacheable by anyone and carry ETags (304 on If-None-Match).
 */
export function publicRoutes(context: ApiContext): Router {
  const { db } = context;
  const routes = Router();

  routes.get('/plans', async (_request, response) => {
    const { plans } = await loadPublicIndex(db);
    const body: PublicPlansResponse = { plans };
    setPublicCache(response);
    response.json(body);
  });

  routes.get('/plans/:planId', async (request, response) => {
    const plan = await loadPublicPlan(db, idParam(request, 'planId'));
    if (!plan) throw planNotFound();
    const body: PublicPlanResponse = {
      plan: plan.summary,
      fields: publicFieldsOf(plan.settings),
      topics: plan.topics,
    };
    setPublicCache(response);
    response.json(body);
  });

  return routes;
}
