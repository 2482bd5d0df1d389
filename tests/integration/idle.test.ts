import { beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { getTopic, planDocName, updateTopic } from '@yipan/domain';
import { describeEachDialect } from '../support/dialects';
import { connectSynced } from '../support/connectClient';
import { openAdjustment } from '../support/openAdjustment';
import { EMPTY_SYNC_STEP1 } from '../support/rawSocket';
import { blockEventLoop, startSteadySender } from '../support/steadySender';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

const PLAN = 'township-1-2021';
const TOPIC = 'township-1-2021-rural-revitalization';
/** Grace before an unused document is freed, short so the test is quick. */
const IDLE_GRACE_MS = 200;
/** Keepalive interval of this suite's server, short so a dead peer is noticed quickly. */
const KEEPALIVE_MS = 150;

describeEachDialect('memory', (dialect) => {
  const { running } = useTestServer(dialect, {
    docIdleGraceMs: IDLE_GRACE_MS,
    keepaliveIntervalMs: KEEPALIVE_MS,
  });
  // The demo township plan is approved: its topics change within an adjustment. Opening one reads the
  // document, so wait until it has left memory again.
  beforeAll(async () => {
    await openAdjustment(running().editor, PLAN);
    await waitFor('the document to be freed', () => running().server.stats.openDocs === 0);
  });

  it('frees a document after its last client leaves, and reloads it intact', async () => {
    const { server, syncUrl } = running();
    const docName = planDocName(PLAN);
    expect(server.stats.openDocs).toBe(0);
    const first = await connectSynced(syncUrl, PLAN);
    const second = await connectSynced(syncUrl, PLAN);
    expect(server.stats.openDocs).toBe(1);
    expect(server.openDocNames()).toEqual([docName]);

    updateTopic(first.doc, TOPIC, { month: 10, leaderInCharge: '赵主席' });
    await waitFor('the edit to reach the second client', () => getTopic(second.doc, TOPIC)?.month === 10);

    first.close();
    await waitFor('the server to see the first client leave', () => server.stats.connections === 1);
    await sleep(IDLE_GRACE_MS * 3);
    expect(server.stats.openDocs, 'still open while a client remains').toBe(1);

    second.close();
    await waitFor('the document to be freed', () => server.stats.openDocs === 0);
    expect(server.openDocNames()).toEqual([]);

    const again = await connectSynced(syncUrl, PLAN);
    expect(getTopic(again.doc, TOPIC)).toMatchObject({ month: 10, leaderInCharge: '赵主席' });
    expect(server.stats.openDocs).toBe(1);
    again.close();
    await waitFor('the document to be freed again', () => server.stats.openDocs === 0);
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const { server, syncUrl } = running();
    const live = await connectSynced(syncUrl, PLAN);
    // Its socket: were it dropped too, the provider would reconnect on a new one.
    const liveSocket = live.provider.ws;
    // A peer whose network died: its socket never answers the server's pings.
    const dead = new WebSocket(running().docUrl(planDocName(PLAN)), { autoPong: false });
    const closed = new Promise<number>((resolve) => dead.once('close', resolve));
    await new Promise((resolve) => dead.once('open', resolve));
    expect(server.stats.connections).toBe(2);
    // Terminated without a close handshake: the client sees an abnormal closure.
    expect(await closed).toBe(1006);
    await sleep(KEEPALIVE_MS * 4);
    expect(server.stats.connections).toBe(1);
    expect(live.provider.wsconnected).toBe(true);
    expect(live.provider.ws).toBe(liveSocket);
    live.close();
  });

  it('keeps its peers through event-loop stalls: pongs still unread after a stall are not missed pings', async () => {
    const { server } = running();
    // On its own thread, so that it answers pings while this thread (the server's) is blocked.
    const peer = await startSteadySender(running().docUrl(planDocName(PLAN)), EMPTY_SYNC_STEP1, 5);
    await waitFor('the server to count the peer', () => server.stats.connections === 1);
    // Each stall outlasts a keepalive round; the next round's timer runs before the pong is read.
    for (let stall = 0; stall < 6; stall++) {
      await new Promise((resolve) => setImmediate(resolve));
      blockEventLoop(KEEPALIVE_MS * 3);
    }
    await sleep(KEEPALIVE_MS * 4);
    const result = await peer.stop();
    expect(result.closeCode).toBeNull();
    expect(result.replies).toBeGreaterThan(0);
  });
});
