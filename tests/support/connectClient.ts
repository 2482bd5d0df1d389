import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { listTopics, planDocName, type Topic } from '@yipan/domain';
import { waitFor } from './waitFor';

/** A y-websocket client on one plan, as the web app would open it. */
export type PlanClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Topics as this client sees them, archived ones included, in board order. */
  topics(): Topic[];
  /** Resolves once the client has received the server's state. */
  synced(): Promise<void>;
  /** Resolves once everything this client sent has left its socket. */
  drained(): Promise<void>;
  close(): void;
};

/** Options of a test client. */
export type ConnectOptions = { mode?: 'read'; connect?: boolean; params?: Record<string, string> };

/**
 * Opens a real `y-websocket` provider on `plan:<planId>`. BroadcastChannel is disabled: two providers
 * in one process would otherwise sync through it and hide what the server does.
 */
export function connectClient(syncUrl: string, planId: string, options: ConnectOptions = {}): PlanClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, planDocName(planId), doc, {
    // ws's WebSocket implements what the provider uses of the browser's; the DOM type differs in details.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    params: { ...options.params, ...(options.mode ? { mode: options.mode } : {}) },
  });
  return {
    doc,
    provider,
    topics: () => listTopics(doc, { includeArchived: true }),
    synced: async () => {
      await waitFor(`client of ${planId} to sync`, () => provider.synced);
    },
    drained: async () => {
      await waitFor('the client socket to drain', () => {
        const socket = provider.ws;
        return socket !== null && socket.readyState === socket.OPEN && socket.bufferedAmount === 0;
      });
    },
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Connects and waits for the first sync. */
export async function connectSynced(
  syncUrl: string,
  planId: string,
  options: ConnectOptions = {},
): Promise<PlanClient> {
  const client = connectClient(syncUrl, planId, options);
  await client.synced();
  return client;
}

/** What users compare: the board as a list of topics, without timing noise. */
export function boardOf(client: PlanClient): string {
  return JSON.stringify(client.topics());
}
