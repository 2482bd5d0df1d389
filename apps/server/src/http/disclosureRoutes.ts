import { Router, type Request } from 'express';
import { DisclosureSettings, can, readDisclosureSettings } from '@yipan/domain';
import { DisclosureErrorCode, type DisclosureSettingsResponse } from '@yipan/protocol';
import { loadOrgTree } from '../auth/orgTree';
import { idParam, ipOf, requireAuth, type ApiContext } from './apiContext';
import { badRequest, forbidden, orgNotFound } from './HttpError';

/** A status before publication: reading the settings needs the right to read the organisation's working plans. */
const WORKING_STATUS = 'soliciting';

/**
 * An organisation's choice of public fields (公开设置). Whoever may read its working plans sees the
 * choice; only its own administrators change it (not those above: what a county publishes is its own call).
 */
export function disclosureRoutes(context: ApiContext): Router {
  const { db } = context;
  const routes = Router();

  async function readable(request: Request) {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const tree = await loadOrgTree(db);
    if (!tree.byId.has(orgId)) throw orgNotFound();
    const editable = can(auth.actor, 'manage_disclosure', { kind: 'org', orgId }, tree.parents);
    const reads = can(auth.actor, 'read', { kind: 'plan', orgId, status: WORKING_STATUS }, tree.parents);
    if (!editable && !reads) throw forbidden();
    return { auth, orgId, editable };
  }

  async function answer(orgId: string, editable: boolean): Promise<DisclosureSettingsResponse> {
    const stored = await db.disclosures.get(orgId);
    return {
      orgId,
      settings: stored?.settings ?? readDisclosureSettings(null),
      custom: stored !== null,
      editable,
    };
  }

  routes.get('/orgs/:orgId/disclosure', async (request, response) => {
    const { orgId, editable } = await readable(request);
    response.json(await answer(orgId, editable));
  });

  routes.put('/orgs/:orgId/disclosure', async (request, response) => {
    const { auth, orgId, editable } = await readable(request);
    if (!editable) throw forbidden();
    const parsed = DisclosureSettings.safeParse(request.body);
    if (!parsed.success) {
      const where = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(
        ', ',
      );
      throw badRequest(
        `公开设置无效：${where} / Invalid public fields: ${where}`,
        DisclosureErrorCode.invalidDisclosure,
      );
    }
    const before = await answer(orgId, true);
    await db.disclosures.put({
      orgId,
      settings: parsed.data,
      updatedAt: new Date(),
      updatedBy: auth.user.id,
    });
    await context.audit.record({
      kind: 'disclosure_changed',
      actorId: auth.user.id,
      ip: ipOf(request, context),
      target: `org:${orgId}`,
      orgId,
      detail: { from: before.settings, to: parsed.data },
    });
    response.json(await answer(orgId, true));
  });

  return routes;
}
