import { afterEach, beforeAll, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { getTopic, updateTopic } from '@yipan/domain';
import {
  BOARD_NAMESPACE,
  BoardErrorCode,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import { connectClient } from '../support/connectClient';
import { openAdjustment } from '../support/openAdjustment';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const PLAN = 'county-1-2021';
const TOPIC = 'county-1-2021-appraisal';

type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Longer than engine.io's 1 s `destroyUpgradeTimeout`, which would kill a slow /yjs upgrade without `destroyUpgrade: false`. */
const SLOW_ACCESS_MS = 1_500;

/** Connects to `/board` over a WebSocket (an HTTP upgrade on the same server as /yjs) and waits for `hello`. */
async function connectBoard(
  baseUrl: string,
  token: string,
): Promise<{ socket: BoardSocket; hello: { protocolVersion: number } }> {
  const socket: BoardSocket = io(`${baseUrl}${BOARD_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const hello = await new Promise<{ protocolVersion: number }>((resolve, reject) => {
    socket.once('hello', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, hello };
}

describeEachDialect('socket.io beside /yjs', (dialect) => {
  const { running, connect, track } = useTestServer(dialect, { accessDelayMs: SLOW_ACCESS_MS });
  // The demo county plan is executing: its topics change within an adjustment.
  beforeAll(() => openAdjustment(running().editor, PLAN));
  const sockets: BoardSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  it('greets /board clients with the protocol version and validates plan:watch', async () => {
    const { socket, hello } = await connectBoard(running().baseUrl, running().token);
    sockets.push(socket);
    expect(hello).toEqual({ protocolVersion: PROTOCOL_VERSION });
    expect(socket.io.engine.transport.name).toBe('websocket');

    expect(await socket.emitWithAck('plan:watch', { planId: 'city-2021' })).toEqual({ ok: true });
    expect(await socket.emitWithAck('plan:watch', { planId: 'no-such-plan' })).toEqual({
      ok: false,
      code: BoardErrorCode.notFound,
    });
    expect(await socket.emitWithAck('plan:watch', { planId: '../etc' })).toEqual({
      ok: false,
      code: BoardErrorCode.invalidPayload,
    });
    // A client that ignores the types: the server still answers instead of crashing.
    const untyped = socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    expect(await untyped.emitWithAck('plan:watch', 42)).toEqual({
      ok: false,
      code: BoardErrorCode.invalidPayload,
    });
    expect(socket.connected).toBe(true);
  });

  it('a /yjs connection whose access check outlasts engine.io’s upgrade timeout still syncs', async () => {
    const { socket } = await connectBoard(running().baseUrl, running().token);
    sockets.push(socket);
    const started = Date.now();
    const a = track(connectClient(running().syncUrl, PLAN));
    // An upgrade aborted by engine.io closes the socket before it opens; the provider would retry.
    const closes: unknown[] = [];
    a.provider.on('connection-close', (event) => closes.push(event));
    await a.synced();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_ACCESS_MS);
    const b = await connect(PLAN);
    updateTopic(a.doc, TOPIC, { month: 12 });
    await waitFor('the edit to cross the slow connections', () => getTopic(b.doc, TOPIC)?.month === 12);
    expect(closes).toEqual([]);
    expect(socket.connected).toBe(true);
  });
});
