import { ErrorCode, LoginResponse, MeResponse } from '@yipan/protocol';
import { configureSession, fetchJson, sendJson, ApiError } from '../api/fetchJson';
import { createStore, useStore } from '../collab/createStore';

/** Why nobody is signed in, as the sign-in page explains it. */
export type SignedOutReason = 'signedOut' | 'expired' | 'revoked' | null;

/** Who is signed in: still asking the server, someone, nobody (and why), or the server could not be asked. */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signedIn'; me: MeResponse }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'error'; error: Error };

/** The reason a 401's error code gives for the session ending. */
export function reasonOf(code: string): SignedOutReason {
  if (code === ErrorCode.sessionExpired) return 'expired';
  if (code === ErrorCode.sessionRevoked) return 'revoked';
  return null;
}

const store = createStore<AuthState>({ status: 'loading' });

/** The signed-in state everywhere in the app. */
export const authStore = { get: store.get, subscribe: store.subscribe };

function signedIn(me: MeResponse): void {
  store.set({ status: 'signedIn', me });
}

/** Ends the signed-in state locally (the server already ended the session, or refused it). */
export function sessionEnded(reason: SignedOutReason): void {
  store.set({ status: 'signedOut', reason });
}

/** Asks the server who is signed in (at start, after an access change, for a fresh CSRF token). */
export async function loadMe(): Promise<void> {
  try {
    signedIn(await fetchJson('/api/me', MeResponse, { expectUnauthenticated: true }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const current = store.get();
      // A session that was there and is gone now is worth explaining; a first visit is not.
      sessionEnded(
        current.status === 'signedIn' ? (reasonOf(error.code) ?? 'expired') : reasonOf(error.code),
      );
      return;
    }
    // Keep a signed-in page usable through a network blip; only a first load shows the error.
    if (store.get().status !== 'signedIn')
      store.set({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
  }
}

/** Signs in; rejects with the ApiError (wrong password, too many attempts…) for the form to show. */
export async function signIn(username: string, password: string): Promise<void> {
  const me = await sendJson('POST', '/api/auth/login', { username, password }, LoginResponse, {
    expectUnauthenticated: true,
  });
  signedIn(me);
}

/** Signs out on the server (ending this session everywhere it is open) and here. */
export async function signOut(): Promise<void> {
  try {
    await sendJson('POST', '/api/auth/logout', undefined, undefined, { expectUnauthenticated: true });
  } finally {
    sessionEnded('signedOut');
  }
}

configureSession({
  csrfToken: () => {
    const current = store.get();
    return current.status === 'signedIn' ? current.me.csrfToken : null;
  },
  onUnauthenticated: (code) => {
    if (store.get().status === 'signedIn') sessionEnded(reasonOf(code) ?? 'expired');
  },
  refreshCsrfToken: async () => {
    await loadMe();
    return store.get().status === 'signedIn';
  },
});

/** The sign-in state, re-rendering on change. */
export function useAuth(): AuthState {
  return useStore(store);
}
