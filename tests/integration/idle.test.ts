import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { getTopic, planDocName, updateTopic } from '@yipan/domain';
import { describeEachDialect } from '../support/dialects';
import { connectSynced } from '../support/connectClient';
import { startServer, type TestServer } from '../support/startServer';
import { sleep, waitFor } from '../support/waitFor';

const PLAN = 'township-1-2021';
const TOPIC = 'township-1-2021-rural-revitalization';
/** Grace before an unused document is freed, short so the test is quick. */
const IDLE_GRACE_MS = 200;
/** Keepalive interval of this suite's server, short so a dead peer is noticed quickly. */
const KEEPALIVE_MS = 150;

describeEachDialect('memory', (dialect) => {
  let running: TestServer;
  beforeAll(async () => {
    running = await startServer(dialect, {
      docIdleGraceMs: IDLE_GRACE_MS,
      keepaliveIntervalMs: KEEPALIVE_MS,
    });
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('frees a document after its last client leaves, and reloads it intact', async () => {
    const docName = planDocName(PLAN);
    expect(running.server.stats.openDocs).toBe(0);
    const first = await connectSynced(running.syncUrl, PLAN);
    const second = await connectSynced(running.syncUrl, PLAN);
    expect(running.server.stats.openDocs).toBe(1);
    expect(running.server.openDocNames()).toEqual([docName]);

    updateTopic(first.doc, TOPIC, { month: 10, leaderInCharge: '赵主席' });
    await waitFor('the edit to reach the second client', () => getTopic(second.doc, TOPIC)?.month === 10);

    first.close();
    await sleep(IDLE_GRACE_MS * 3);
    expect(running.server.stats.openDocs, 'still open while a client remains').toBe(1);

    second.close();
    await waitFor('the document to be freed', () => running.server.stats.openDocs === 0);
    expect(running.server.openDocNames()).toEqual([]);

    const again = await connectSynced(running.syncUrl, PLAN);
    expect(getTopic(again.doc, TOPIC)).toMatchObject({ month: 10, leaderInCharge: '赵主席' });
    expect(running.server.stats.openDocs).toBe(1);
    again.close();
    await waitFor('the document to be freed again', () => running.server.stats.openDocs === 0);
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const live = await connectSynced(running.syncUrl, PLAN);
    // A peer whose network died: its socket never answers the server's pings.
    const dead = new WebSocket(running.docUrl(planDocName(PLAN)), { autoPong: false });
    const closed = new Promise<number>((resolve) => dead.once('close', resolve));
    await new Promise((resolve) => dead.once('open', resolve));
    expect(running.server.stats.connections).toBe(2);
    // Terminated without a close handshake: the client sees an abnormal closure.
    expect(await closed).toBe(1006);
    await sleep(KEEPALIVE_MS * 4);
    expect(running.server.stats.connections).toBe(1);
    expect(live.provider.wsconnected).toBe(true);
    expect(live.provider.wsUnsuccessfulReconnects).toBe(0);
    live.close();
  });
});
