import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { PlanPermissions } from '@yipan/protocol';

/**
 * The one place that decides who may open what. Sign-in is the next issue: until then everyone
 * may write, and a client may ask for less with `?mode=read` (a client may always downgrade itself).
 */

/** What a caller may do with a document or plan. */
export type DocAccess = 'write' | 'read' | 'none' | 'unauthenticated';

/** Knobs of the access check; `delayMs` simulates a slow session look-up (tests of the upgrade path). */
export type AccessOptions = { delayMs?: number };

/** The query a client may add to a sync URL or REST call to ask for less access than it has. */
const AccessQuery = z.object({ mode: z.enum(['read', 'write']).optional().catch(undefined) });

/** The mode a request asks for; anything but an explicit `mode=read` asks for everything it may have. */
export function requestedMode(request: IncomingMessage): 'read' | 'write' {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const parsed = AccessQuery.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success && parsed.data.mode === 'read' ? 'read' : 'write';
}

/** What the policy grants before the client's own downgrade. Everyone writes until sign-in lands. */
async function grantedAccess(_request: IncomingMessage, options: AccessOptions): Promise<DocAccess> {
  if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  return 'write';
}

function downgrade(granted: DocAccess, request: IncomingMessage): DocAccess {
  return granted === 'write' && requestedMode(request) === 'read' ? 'read' : granted;
}

/** Access of a `/yjs/<docName>` connection. */
export async function resolveDocAccess(
  request: IncomingMessage,
  _docName: string,
  options: AccessOptions = {},
): Promise<DocAccess> {
  return downgrade(await grantedAccess(request, options), request);
}

/** Access of a REST or socket.io caller to a plan. */
export async function resolvePlanAccess(
  request: IncomingMessage,
  _planId: string,
  options: AccessOptions = {},
): Promise<DocAccess> {
  return downgrade(await grantedAccess(request, options), request);
}

/** The permissions object the REST API reports for an access level. */
export function permissionsOf(access: DocAccess): PlanPermissions {
  return { read: access === 'read' || access === 'write', write: access === 'write' };
}
