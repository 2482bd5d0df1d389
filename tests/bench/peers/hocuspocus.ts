import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

/**
 * Hocuspocus 4 with its SQLite persistence (debounce 2 s, max 10 s, as configured by default) and a
 * token check in `onAuthenticate`, the cheapest authentication it offers; the benchmark passes the
 * token as its provider does.
 */

const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';
const database = process.env.HOCUSPOCUS_SQLITE;
const token = process.env.HOCUSPOCUS_TOKEN;
if (!database || !token) throw new Error('HOCUSPOCUS_SQLITE and HOCUSPOCUS_TOKEN are required');

const server = new Server({
  port,
  address: host,
  quiet: true,
  stopOnSignals: true,
  extensions: [new SQLite({ database })],
  onAuthenticate: ({ token: given }: { token: string }) => {
    if (given !== token) return Promise.reject(new Error('forbidden'));
    return Promise.resolve();
  },
});
await server.listen();
console.log(`hocuspocus listening on ws://${host}:${server.address.port}`);
