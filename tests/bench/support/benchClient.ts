import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import {
  HocuspocusProvider,
  WebSocketStatus,
  type HocuspocusProviderConfiguration,
} from '@hocuspocus/provider';

/**
 * How a client reaches one document: the stock y-websocket WebsocketProvider for Yipan and the
 * reference server, Hocuspocus' own provider for Hocuspocus (its wire protocol prefixes every
 * message with the document name and needs an auth message first, so no y-websocket client can
 * speak it). Plain data, so it crosses into worker processes.
 */
export type ClientTarget = {
  protocol: 'y-websocket' | 'hocuspocus';
  serverUrl: string;
  docName: string;
  /** Query parameters of the y-websocket URL (Yipan's `token`). */
  params: Record<string, string>;
  /** Hocuspocus' auth token. */
  token: string | null;
};

/** One connected benchmark client and its document. */
export type BenchClient = {
  doc: Y.Doc;
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  /** Times the connection dropped after it had been established. */
  disconnects(): number;
  destroy(): void;
};

/** Opens a client on `target`; it connects at once and reconnects as its provider does. */
export function openClient(target: ClientTarget): BenchClient {
  return target.protocol === 'hocuspocus' ? openHocuspocus(target) : openYWebsocket(target);
}

/** Counts the drops of a connection: a disconnect counts only once the connection had been up. */
type ConnectionWatch = { up: () => void; down: () => void; drops: () => number };

function connectionWatch(): ConnectionWatch {
  let wasConnected = false;
  let drops = 0;
  return {
    up: () => {
      wasConnected = true;
    },
    down: () => {
      if (wasConnected) drops += 1;
    },
    drops: () => drops,
  };
}

/** A BenchClient over any provider: destroying it destroys the provider, then the document. */
function benchClient(
  doc: Y.Doc,
  provider: { destroy(): void },
  synced: Promise<void>,
  connection: ConnectionWatch,
): BenchClient {
  return {
    doc,
    synced,
    disconnects: connection.drops,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function openYWebsocket(target: ClientTarget): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.serverUrl, target.docName, doc, {
    // ws implements what the provider uses of the browser WebSocket; the DOM type differs in details.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Many providers in one process would otherwise sync through BroadcastChannel and bypass the server.
    disableBc: true,
    params: target.params,
  });
  const connection = connectionWatch();
  provider.on('status', ({ status }) => {
    if (status === 'connected') connection.up();
    else if (status === 'disconnected') connection.down();
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return benchClient(doc, provider, synced, connection);
}

function openHocuspocus(target: ClientTarget): BenchClient {
  const doc = new Y.Doc();
  const connection = connectionWatch();
  let onSynced = (): void => undefined;
  const synced = new Promise<void>((resolve) => (onSynced = resolve));
  const configuration: HocuspocusProviderConfiguration & { WebSocketPolyfill: typeof WebSocket } = {
    url: target.serverUrl,
    name: target.docName,
    document: doc,
    token: target.token,
    // Passed through to the socket it creates; Node 20 has no global WebSocket.
    WebSocketPolyfill: WebSocket,
    onSynced: ({ state }) => {
      if (state) onSynced();
    },
    onStatus: ({ status }) => {
      if (status === WebSocketStatus.Connected) connection.up();
      else if (status === WebSocketStatus.Disconnected) connection.down();
    },
  };
  return benchClient(doc, new HocuspocusProvider(configuration), synced, connection);
}
