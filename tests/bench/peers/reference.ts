import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { getPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { COMMIT_REPORT_KEY } from '../support/serverPreload';
import type { CommitReport } from '../support/ipc';

/**
 * The reference y-websocket server (`@y/websocket-server`, the last release on Yjs 13) as its own
 * `server.js` runs it, except that it listens on the port the benchmark gives (0: any) and prints the
 * address. With YPERSISTENCE set, it stores every update in LevelDB through y-leveldb, as shipped.
 *
 * LevelDB is locked by this process, so the benchmark cannot watch it from outside: the entry times
 * each `storeUpdate` itself (call to completion) and hands the delays to the probe preload.
 */

const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';

type LevelPersistence = { storeUpdate(docName: string, update: Uint8Array): Promise<number> };

/** Commits and their delays since the last report. */
let delaysMs: number[] = [];
let committed = 0;
/** Wall-clock time of the last completed write. */
let lastCommitAtMs = 0;

const persistence = getPersistence() as { provider: LevelPersistence } | null;
if (persistence) {
  const provider = persistence.provider;
  const storeUpdate = provider.storeUpdate.bind(provider);
  provider.storeUpdate = async (docName, update) => {
    const received = performance.now();
    const clock = await storeUpdate(docName, update);
    delaysMs.push(performance.now() - received);
    committed += 1;
    lastCommitAtMs = Date.now();
    return clock;
  };
}
Reflect.set(globalThis, COMMIT_REPORT_KEY, (): CommitReport => {
  const report = { count: committed, delaysMs, lastCommitAtMs };
  delaysMs = [];
  committed = 0;
  return report;
});

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, host, () => {
  const address = server.address() as AddressInfo;
  console.log(`reference listening on ws://${host}:${address.port}`);
});
process.on('SIGTERM', () => process.exit(0));
