import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@yipan/protocol';

/** The app's one `/board` socket.io connection, typed with the wire contract. */
export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let current: BoardSocket | null = null;
const listeners = new Set<() => void>();

/** Makes the shell's board socket (opened by useBoardEvents) available to pages, or withdraws it. */
export function publishBoardSocket(socket: BoardSocket | null): void {
  current = socket;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The shared board socket, or null until socket.io has loaded. Pages that need more than the shell's
 * events (meeting mode) attach their own listeners to it rather than opening a second connection.
 */
export function useBoardSocket(): BoardSocket | null {
  return useSyncExternalStore(subscribe, () => current);
}
