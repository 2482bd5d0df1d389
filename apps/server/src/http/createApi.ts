import { Router } from 'express';
import type { HealthResponse } from '@yipan/protocol';
import { adminRoutes } from './adminRoutes';
import type { ApiContext } from './apiContext';
import { authRoutes } from './authRoutes';
import { routeNotFound } from './HttpError';
import { planRoutes } from './planRoutes';
import { csrfProtection } from './security';

/** The `/api` router: health, sign-in, organisations, plans and administration. Responses follow @yipan/protocol. */
export function createApi(context: ApiContext): Router {
  const api = Router();

  api.get('/health', (_request, response) => {
    const body: HealthResponse = { status: 'ok', db: context.db.dialect };
    response.json(body);
  });

  api.use(csrfProtection(context));
  api.use(authRoutes(context));
  api.use(planRoutes(context));
  api.use('/admin', adminRoutes(context));

  api.use(() => {
    throw routeNotFound();
  });
  return api;
}
