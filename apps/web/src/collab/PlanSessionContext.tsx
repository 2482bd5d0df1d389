import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createStore, useStore } from './createStore';
import { PlanSession } from './PlanSession';
import type { PresenceUser } from './presenceStore';

const PlanSessionContext = createContext<PlanSession | null>(null);

/** Bumped to reopen the open plan with a fresh document: an edit the server dropped must disappear. */
const resyncs = createStore(0);

/** Reopens the open plan's session from the server's document (local changes the server refused are lost). */
export function resyncPlanSession(): void {
  resyncs.set(resyncs.get() + 1);
}

/**
 * Opens a PlanSession of the plan while `planId` stays the same (the board, a meeting's topic), reopened on
 * a resync; null before it opens and for no plan.
 */
export function useOpenPlanSession(planId: string | null, user: PresenceUser): PlanSession | null {
  const [session, setSession] = useState<PlanSession | null>(null);
  const { name, color } = user;
  const resync = useStore(resyncs);
  useEffect(() => {
    if (planId === null) return;
    const opened = new PlanSession(planId, { name, color });
    setSession(opened);
    // Connect on the next tick: StrictMode's mount-unmount-mount in development then opens one socket, not two.
    const connecting = setTimeout(() => opened.connect(), 0);
    return () => {
      clearTimeout(connecting);
      opened.destroy();
      setSession(null);
    };
  }, [planId, name, color, resync]);
  return session?.planId === planId ? session : null;
}

/** Opens a PlanSession for the plan (one at a time) and provides it below; closes it when the plan changes. */
export function PlanSessionProvider({
  planId,
  user,
  children,
}: {
  planId: string | null;
  /** Who the others see: the signed-in user's display name and colour. */
  user: PresenceUser;
  children: ReactNode;
}) {
  const session = useOpenPlanSession(planId, user);
  return <PlanSessionContext.Provider value={session}>{children}</PlanSessionContext.Provider>;
}

/** The open plan's session, or null while none is open. */
export function usePlanSession(): PlanSession | null {
  return useContext(PlanSessionContext);
}
