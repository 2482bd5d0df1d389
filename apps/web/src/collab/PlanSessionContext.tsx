import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createStore, useStore } from './createStore';
import { PlanSession } from './PlanSession';
import type { ConnectionStatus } from './connectionStore';
import type { PresenceUser } from './presenceStore';

const PlanSessionContext = createContext<PlanSession | null>(null);

/** Bumped to reopen the open plan with a fresh document: an edit the server dropped must disappear. */
const resyncs = createStore(0);

/** Reopens the open plan's session from the server's document (local changes the server refused are lost). */
export function resyncPlanSession(): void {
  resyncs.set(resyncs.get() + 1);
}

/** How long a session opened ahead (see below) waits for the board that takes it over. */
const EARLY_SESSION_TTL_MS = 10_000;
/** Statuses in which a session opened ahead is still worth taking over. */
const ADOPTABLE: ReadonlySet<ConnectionStatus> = new Set(['connecting', 'synced']);

let early: PlanSession | null = null;

function dropEarlySession(): void {
  early?.destroy();
  early = null;
}

/**
 * Opens the plan's session before the app knows who is signed in, for a link straight to a plan: the
 * document then loads while the app asks `/api/me` and draws its shell, rather than after. The server
 * authorises the socket as any other; the session shows no presence until the board takes it over
 * (`useOpenPlanSession`), and is closed if it is refused or not taken over soon.
 */
export function preopenPlanSession(planId: string): void {
  dropEarlySession();
  const session = new PlanSession(planId, null);
  early = session;
  const stop = session.connection.subscribe(() => {
    if (early === session && !ADOPTABLE.has(session.connection.get().status)) dropEarlySession();
  });
  session.connect();
  setTimeout(() => {
    stop();
    if (early === session) dropEarlySession();
  }, EARLY_SESSION_TTL_MS);
}

/** The session opened ahead for this plan, shown as `user` from now on; null if there is none. */
function adoptEarlySession(planId: string, user: PresenceUser): PlanSession | null {
  const session = early;
  if (session?.planId !== planId || !ADOPTABLE.has(session.connection.get().status)) return null;
  early = null;
  session.showAs(user);
  return session;
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
    const opened = adoptEarlySession(planId, { name, color }) ?? new PlanSession(planId, { name, color });
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
