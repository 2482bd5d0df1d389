import WebSocket from 'ws';
import type { DocStore } from '@yipan/db';
import { createLogger } from '../createLogger';
import type { DocRelay } from './DocRelay';
import { DocRoom } from './DocRoom';
import { SyncConnection } from './SyncConnection';
import { createSyncStats } from './SyncStats';

/** Loads a room over `store` as the server does, logging only errors, with a relay if given (DocRoom's unit tests). */
export function loadTestRoom(store: DocStore, name: string, relay?: DocRelay): Promise<DocRoom> {
  return DocRoom.load(name, {
    store,
    logger: createLogger({ level: 'error' }),
    stats: createSyncStats(),
    onBroken: () => undefined,
    relay,
  });
}

/** Resolves after the rooms' per-turn broadcasts have run. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A writing connection of `author` whose socket keeps the frames the room sends it. */
export function recordingConnection(
  docName: string,
  author = 'usr_a',
): { connection: SyncConnection; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const socket = {
    readyState: WebSocket.OPEN,
    send: (frame: Uint8Array) => sent.push(frame),
  };
  // Only `readyState` and `send` of the socket are used by the room.
  const connection = new SyncConnection(socket as unknown as WebSocket, docName, 'write', author);
  return { connection, sent };
}
