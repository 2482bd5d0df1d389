import { Router } from 'express';
import { adminRoutes } from './adminRoutes';
import { alignmentRoutes } from './alignmentRoutes';
import type { ApiContext } from './apiContext';
import { authRoutes } from './authRoutes';
import { dashboardRoutes } from './dashboardRoutes';
import { disclosureRoutes } from './disclosureRoutes';
import { routeNotFound } from './HttpError';
import { exportRoutes } from './exportRoutes';
import { followUpRoutes } from './followUpRoutes';
import { importRoutes } from './importRoutes';
import { lifecycleRoutes } from './lifecycleRoutes';
import { meetingRoutes } from './meetingRoutes';
import { minutesRoutes } from '../meetings/minutes/minutesRoutes';
import { notificationRoutes } from './notificationRoutes';
import { planRoutes } from './planRoutes';
import { proposalRoutes } from './proposalRoutes';
import { publicProposalRoutes } from './publicProposalRoutes';
import { publicRoutes } from './publicRoutes';
import { csrfProtection } from './security';
import { templateRoutes } from './templateRoutes';

/** The `/api` router (health and readiness are mounted beside it: http/health.ts): sign-in, organisations, plans and administration. Responses follow @yipan/protocol. */
export function createApi(context: ApiContext): Router {
  const api = Router();

  // The public call for proposals needs no session; its own Origin check is explained there.
  api.use('/public', publicProposalRoutes(context, context.proposalLimiter));
  api.use('/public', publicRoutes(context));
  api.use(csrfProtection(context));
  api.use(authRoutes(context));
  api.use(planRoutes(context));
  api.use(lifecycleRoutes(context));
  api.use(proposalRoutes(context));
  api.use(importRoutes(context));
  api.use(templateRoutes(context));
  api.use(disclosureRoutes(context));
  api.use(followUpRoutes(context));
  api.use(exportRoutes(context));
  api.use(alignmentRoutes(context));
  api.use(meetingRoutes(context));
  api.use(minutesRoutes(context));
  api.use(dashboardRoutes(context));
  api.use(notificationRoutes(context));
  api.use('/admin', adminRoutes(context));

  api.use(() => {
    throw routeNotFound();
  });
  return api;
}
