import { createContext, useContext } from 'react';
import type { Org } from '@yipan/protocol';

/**
 * The organisations the user may see (`GET /api/orgs`, read once by the app shell) and the organisation of
 * the plan on screen, so views that list children (the 一盘棋 button, a joint topic's expectations) need no
 * requests of their own.
 */
export type OrgsView = { orgs: readonly Org[]; planOrgId: string | null };

export const OrgsContext = createContext<OrgsView>({ orgs: [], planOrgId: null });

/** The visible organisations directly below the open plan's organisation (none outside a plan). */
export function usePlanChildOrgs(): Org[] {
  const { orgs, planOrgId } = useContext(OrgsContext);
  return planOrgId ? orgs.filter((org) => org.parentId === planOrgId) : [];
}
