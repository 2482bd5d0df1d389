import WebSocket from 'ws';

/** How a raw connection ended: the close code, or null when it was still open when we stopped waiting. */
export type RawOutcome = { code: number | null };

/** Opens a raw WebSocket (no y-websocket logic) and waits for it to open or be closed during the handshake. */
export function openRaw(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'nodebuffer';
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the close code the server sends, or null if it keeps the connection open for `timeoutMs`. */
export function closeCodeOf(socket: WebSocket, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve({ code: null });
    const timer = setTimeout(() => resolve({ code: null }), timeoutMs);
    socket.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code });
    });
  });
}

/** Connects to a URL and returns the close code the server ends the connection with. */
export async function closeCodeForUrl(url: string, timeoutMs = 5_000): Promise<number | null> {
  const socket = new WebSocket(url);
  const outcome = await closeCodeOf(socket, timeoutMs);
  socket.terminate();
  return outcome.code;
}
