import { Router, type Request } from 'express';
import { can, DEFAULT_STEP_TEMPLATES, METHODS, StepTemplate, type Method } from '@yipan/domain';
import type { StepTemplateRow } from '@yipan/db';
import {
  TemplateErrorCode,
  TemplateMethodParam,
  type EffectiveTemplate,
  type StepTemplateResponse,
  type StepTemplatesResponse,
} from '@yipan/protocol';
import { loadOrgTree } from '../auth/orgTree';
import { idParam, requireAuth, type ApiContext } from './apiContext';
import { badRequest, forbidden, orgNotFound } from './HttpError';

/**
 * An organisation's method step templates. Anyone who may read the organisation's (unpublished) plans
 * reads them, since they generate its topics' steps; only its own administrators change them.
 */

/** A status before publication: reading templates needs the right to read the organisation's working plans, not just its public ones. */
const WORKING_STATUS = 'soliciting';

function effective(method: Method, own: readonly StepTemplateRow[]): EffectiveTemplate {
  const row = own.find((entry) => entry.method === method);
  return { method, custom: row !== undefined, template: row?.template ?? DEFAULT_STEP_TEMPLATES[method] };
}

function methodParam(request: Request): Method {
  const parsed = TemplateMethodParam.safeParse(request.params.method);
  if (!parsed.success)
    throw badRequest('没有这种监督方式 / No such supervision method', TemplateErrorCode.unknownMethod);
  return parsed.data;
}

/** The `/orgs/:orgId/step-templates` routes. */
export function templateRoutes(context: ApiContext): Router {
  const { db } = context;
  const routes = Router();

  /** The organisation named by the path, once the caller is allowed `mode` on its templates. */
  async function authorisedOrg(request: Request, mode: 'read' | 'manage') {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const tree = await loadOrgTree(db);
    if (!tree.byId.has(orgId)) throw orgNotFound();
    const allowed =
      mode === 'read'
        ? can(auth.actor, 'read', { kind: 'plan', orgId, status: WORKING_STATUS }, tree.parents)
        : can(auth.actor, 'manage_templates', { kind: 'org', orgId }, tree.parents);
    if (!allowed) throw forbidden();
    return { auth, orgId };
  }

  routes.get('/orgs/:orgId/step-templates', async (request, response) => {
    const { orgId } = await authorisedOrg(request, 'read');
    const own = await db.stepTemplates.listByOrg(orgId);
    const body: StepTemplatesResponse = { templates: METHODS.map((method) => effective(method, own)) };
    response.json(body);
  });

  routes.put('/orgs/:orgId/step-templates/:method', async (request, response) => {
    const { auth, orgId } = await authorisedOrg(request, 'manage');
    const method = methodParam(request);
    const parsed = StepTemplate.safeParse(request.body);
    if (!parsed.success || parsed.data.method !== method) {
      const where = parsed.success ? 'method' : parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      throw badRequest(
        `步骤模板无效：${where} / Invalid step template: ${where}`,
        TemplateErrorCode.invalidTemplate,
      );
    }
    const row: StepTemplateRow = {
      orgId,
      method,
      template: parsed.data,
      updatedAt: new Date(),
      updatedBy: auth.user.id,
    };
    await db.stepTemplates.put(row);
    const body: StepTemplateResponse = effective(method, [row]);
    response.json(body);
  });

  routes.delete('/orgs/:orgId/step-templates/:method', async (request, response) => {
    const { orgId } = await authorisedOrg(request, 'manage');
    const method = methodParam(request);
    await db.stepTemplates.remove(orgId, method);
    const body: StepTemplateResponse = effective(method, []);
    response.json(body);
  });

  return routes;
}
