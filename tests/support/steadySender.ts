import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What a steady sender did: messages sent, replies received, and the close code if the server closed it. */
export type SenderResult = { sent: number; replies: number; closeCode: number | null };

/** A raw WebSocket client sending on its own thread; `stop` ends it and says how it went. */
export type SteadySender = { stop: () => Promise<SenderResult> };

/**
 * The client runs on a worker thread with its own event loop, so that it keeps sending at its pace while
 * the test's thread (and with it an in-process server) is blocked: that is how a client sees a server stall.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const socket = new WebSocket(workerData.url);
let sent = 0, replies = 0, closeCode = null, timer = null;
const finish = () => { clearInterval(timer); parentPort.postMessage({ sent, replies, closeCode }); socket.terminate(); };
socket.on('message', () => { replies += 1; });
socket.on('close', (code) => { closeCode = code; clearInterval(timer); });
socket.on('error', () => undefined);
socket.on('open', () => {
  parentPort.postMessage('open');
  const message = Buffer.from(workerData.message);
  timer = setInterval(() => { if (socket.readyState === WebSocket.OPEN) { socket.send(message); sent += 1; } }, 1000 / workerData.perSecond);
});
parentPort.on('message', (request) => { if (request === 'stop') finish(); });
`;

/** Opens `url` from a worker thread and sends `message` `perSecond` times a second; resolves once open. */
export function startSteadySender(
  url: string,
  message: Uint8Array,
  perSecond: number,
): Promise<SteadySender> {
  const wsPath = createRequire(import.meta.url).resolve('ws');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url, message: Array.from(message), perSecond, wsPath },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (first: unknown) => {
      if (first !== 'open') return reject(new Error(`the sender did not open: ${String(first)}`));
      resolve({
        stop: () =>
          new Promise<SenderResult>((done) => {
            worker.once('message', (result: SenderResult) => {
              void worker.terminate();
              done(result);
            });
            worker.postMessage('stop');
          }),
      });
    });
  });
}

/**
 * Blocks this thread's event loop, and with it an in-process server's, for `ms`: a server stall as its
 * clients see it. Run a steady sender first so that the client side keeps going meanwhile.
 */
export function blockEventLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
