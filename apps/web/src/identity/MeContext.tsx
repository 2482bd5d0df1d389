import { createContext, useContext } from 'react';
import type { MeResponse } from '@yipan/protocol';

/** The signed-in user, provided by the auth gate to everything behind sign-in. */
export const MeContext = createContext<MeResponse | null>(null);

/** Whether the user administers any organisation (the server still checks each request). */
export function administersAny(me: MeResponse): boolean {
  return me.memberships.some((membership) => membership.role === 'admin');
}

/** The signed-in user; only used below the auth gate, where someone is always signed in. */
export function useMe(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in app');
  return me;
}
