import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '@yipan/protocol';
import { createStore, type Store } from './createStore';

/** What the header shows about the document connection. */
export type ConnectionStatus =
  | 'synced'
  | 'connecting'
  | 'offline'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'tooManyConnections'
  | 'documentTooLarge';

/** The connection status plus whether the document has been loaded from the server at least once. */
export type ConnectionState = { status: ConnectionStatus; everSynced: boolean };

/**
 * Close codes after which reconnecting cannot help: the answer will be the same. Too large: the local
 * document still holds the refused change and would send it again; the plan view reloads it instead.
 */
const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.forbidden,
  CloseCode.notFound,
  CloseCode.tooLarge,
]);

/** The provider's `shouldReconnect`: keep retrying except when the server said no for good. */
export function shouldReconnect(event: { code: number }): boolean {
  return !TERMINAL_CLOSE_CODES.has(event.code);
}

const CLOSE_STATUS: Partial<Record<number, ConnectionStatus>> = {
  [CloseCode.unauthenticated]: 'unauthenticated',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.notFound]: 'notFound',
  [CloseCode.rateLimited]: 'rateLimited',
  [CloseCode.tooManyConnections]: 'tooManyConnections',
  // An oversized awareness state is a client bug; the document limit is what a user can reach.
  [CloseCode.tooLarge]: 'documentTooLarge',
};

/** Follows a WebsocketProvider's status, sync and close events (and the browser's online state). */
export function createConnectionStore(
  provider: WebsocketProvider,
): Store<ConnectionState> & { destroy: () => void } {
  let connected = false;
  let failed = false;
  let closeCode: number | null = null;
  let everSynced = false;
  const store = createStore<ConnectionState>(
    { status: 'connecting', everSynced: false },
    (a, b) => a.status === b.status && a.everSynced === b.everSynced,
  );
  const derive = (): ConnectionStatus => {
    const closed = closeCode === null ? undefined : CLOSE_STATUS[closeCode];
    if (closed && !connected) return closed;
    if (!navigator.onLine) return 'offline';
    if (connected) return provider.synced ? 'synced' : 'connecting';
    return failed ? 'offline' : 'connecting';
  };
  const update = () => store.set({ status: derive(), everSynced });

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    connected = status === 'connected';
    if (connected) {
      failed = false;
      closeCode = null;
    }
    update();
  };
  const onSync = (synced: boolean) => {
    if (synced) everSynced = true;
    update();
  };
  const onClose = (event: CloseEvent | null) => {
    // A null event is a close we caused ourselves (disconnect, watchdog): not a failure.
    if (event === null) return;
    failed = true;
    closeCode = event.code;
    update();
  };
  const onError = () => {
    failed = true;
    update();
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  provider.on('connection-error', onError);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
  return {
    ...store,
    destroy: () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('connection-error', onError);
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    },
  };
}
