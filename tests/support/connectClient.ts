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

/** Options of a test client. `token` defaults to the one remembered for the sync URL (see rememberSyncToken). */
export type ConnectOptions = {
  mode?: 'read';
  connect?: boolean;
  params?: Record<string, string>;
  token?: string | null;
};

/** The sync token test servers signed in with, by sync URL, so suites connect as a signed-in user by default. */
const defaultTokens = new Map<string, string>();

/** Makes `token` the default credential of clients of `syncUrl` (startServer does this for its test editor). */
export function rememberSyncToken(syncUrl: string, token: string): void {
  defaultTokens.set(syncUrl, token);
}

/** The URL of one document on a sync server, with the default token of that server (or the given one) and extra query parameters. */
export function docUrl(
  syncUrl: string,
  docName: string,
  params: Record<string, string> = {},
  token: string | null | undefined = defaultTokens.get(syncUrl),
): string {
  const query = new URLSearchParams({ ...params, ...(token ? { token } : {}) }).toString();
  return `${syncUrl}/${docName}${query ? `?${query}` : ''}`;
}

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
    params: {
      ...options.params,
      ...(options.mode ? { mode: options.mode } : {}),
      ...tokenParam(syncUrl, options.token),
    },
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

function tokenParam(syncUrl: string, token: string | null | undefined): Record<string, string> {
  const chosen = token === undefined ? defaultTokens.get(syncUrl) : token;
  return chosen ? { token: chosen } : {};
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
