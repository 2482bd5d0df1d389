import { readFileSync } from 'node:fs';
import { Router, type Request, type Response } from 'express';
import { EntityId } from '@yipan/domain';
import type { ApiContext } from '../http/apiContext';
import { renderAtomFeed } from './atomFeed';
import { loadPublicFeed, loadPublicIndex, loadPublicPlan } from './publicCatalog';
import { setPublicCache } from './publicCache';
import {
  PUBLIC_PATHS,
  renderIndexPage,
  renderNotFoundPage,
  renderOrgPage,
  renderPlanPage,
} from './renderPublicPages';

/** The stylesheet, read once: a few kilobytes served from memory. */
const STYLESHEET = readFileSync(new URL('./publicSite.css', import.meta.url), 'utf8');

/** The origin absolute feed links use: PUBLIC_ORIGIN's first entry when set, else the request's own. */
export function publicOrigin(request: Request, context: Pick<ApiContext, 'security'>): string {
  return context.security.publicOrigins[0] ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

function sendHtml(response: Response, page: string): void {
  setPublicCache(response);
  response.type('html').send(page);
}

function notFound(response: Response): void {
  setPublicCache(response);
  response.status(404).type('html').send(renderNotFoundPage());
}

/**
 * The public site under `/public` (监督公开): server-rendered pages of published plans, their stylesheet
 * and the Atom feed. No session is read and no cookie set; answers are cacheable and carry ETags.
 * Paths it does not know (the solicitation form `/public/plans/:planId/propose`) fall through to the app.
 */
export function publicSite(context: ApiContext): Router {
  const { db } = context;
  const site = Router();

  site.get('/', async (_request, response) => {
    const { orgs, plans } = await loadPublicIndex(db);
    sendHtml(response, renderIndexPage(orgs, plans));
  });

  site.get('/site.css', (_request, response) => {
    setPublicCache(response);
    response.type('css').send(STYLESHEET);
  });

  site.get('/feed.atom', async (request, response) => {
    const feed = await loadPublicFeed(db);
    setPublicCache(response);
    response
      .type('application/atom+xml; charset=utf-8')
      .send(renderAtomFeed(feed, publicOrigin(request, context), new Date()));
  });

  site.get('/orgs/:orgId', async (request, response) => {
    const id = EntityId.safeParse(request.params.orgId);
    const org = id.success ? await db.orgs.get(id.data) : null;
    if (!org) return notFound(response);
    const { plans } = await loadPublicIndex(db);
    sendHtml(
      response,
      renderOrgPage(
        org,
        plans.filter((plan) => plan.orgId === org.id),
      ),
    );
  });

  site.get('/plans/:planId', async (request, response) => {
    const id = EntityId.safeParse(request.params.planId);
    const plan = id.success ? await loadPublicPlan(db, id.data) : null;
    if (!plan) return notFound(response);
    sendHtml(response, renderPlanPage(plan));
  });

  return site;
}

/** Where `publicSite` is mounted. */
export const PUBLIC_SITE_PATH = PUBLIC_PATHS.index;
