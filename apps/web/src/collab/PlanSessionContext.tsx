import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { LocalUser } from '../identity/localUser';
import { PlanSession } from './PlanSession';

const PlanSessionContext = createContext<PlanSession | null>(null);

/** Opens a PlanSession for the plan (one at a time) and provides it below; closes it when the plan changes. */
export function PlanSessionProvider({
  planId,
  user,
  children,
}: {
  planId: string | null;
  user: LocalUser;
  children: ReactNode;
}) {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    if (planId === null) return;
    // The user at opening time; later renames go through setUser below.
    const opened = new PlanSession(planId, user);
    setSession(opened);
    // Connect on the next tick: StrictMode's mount-unmount-mount in development then opens one socket, not two.
    const connecting = setTimeout(() => opened.connect(), 0);
    return () => {
      clearTimeout(connecting);
      opened.destroy();
      setSession(null);
    };
  }, [planId]);
  useEffect(() => session?.setUser(user), [session, user]);
  const current = session?.planId === planId ? session : null;
  return <PlanSessionContext.Provider value={current}>{children}</PlanSessionContext.Provider>;
}

/** The open plan's session, or null while none is open. */
export function usePlanSession(): PlanSession | null {
  return useContext(PlanSessionContext);
}
