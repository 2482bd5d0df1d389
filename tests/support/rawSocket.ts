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

/** What a `/yjs` upgrade came to: accepted (the server answered a sync step 1), or closed with a code. */
export type DocProbe = { accepted: true; socket: WebSocket } | { accepted: false; code: number };

/** The y-websocket sync step 1 of an empty document: any accepted connection answers it with step 2. */
export const EMPTY_SYNC_STEP1 = new Uint8Array([0, 0, 1, 0]);

/**
 * Opens a raw connection to a document and tells whether the server accepted it: it sends a sync
 * step 1 and waits for an answer or a close. The caller closes an accepted socket.
 */
export function probeDoc(url: string, headers: Record<string, string> = {}): Promise<DocProbe> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.binaryType = 'nodebuffer';
    socket.once('open', () => socket.send(EMPTY_SYNC_STEP1));
    socket.once('message', () => resolve({ accepted: true, socket }));
    socket.once('close', (code) => resolve({ accepted: false, code }));
    socket.once('error', reject);
  });
}
