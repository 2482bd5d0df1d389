import { io, type Socket } from 'socket.io-client';
import { BOARD_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '@yipan/protocol';

/** A typed `/board` client. */
export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How a client authenticates its handshake: a sync token, or a cookie with the Origin a browser would send. */
export type BoardCredentials = { token?: string; cookie?: string; origin?: string };

/**
 * Connects a real socket.io client to `/board` over a WebSocket and waits for `hello`; resolves the
 * socket, or the error code of a refused handshake (the socket is closed then).
 */
export async function connectBoardSocket(
  baseUrl: string,
  credentials: BoardCredentials = {},
): Promise<{ ok: true; socket: BoardSocket } | { ok: false; code: string }> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.origin) headers.origin = credentials.origin;
  const socket: BoardSocket = io(`${baseUrl}${BOARD_NAMESPACE}`, {
    auth: credentials.token ? { token: credentials.token } : {},
    extraHeaders: headers,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('hello', () => resolve({ ok: true, socket }));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve({ ok: false, code: error.message });
    });
  });
}
