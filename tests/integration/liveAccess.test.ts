import { afterEach, expect, it } from 'vitest';
import { addTopic, getTopic, planDocName, topicNotes, updateTopic } from '@yipan/domain';
import { CloseCode, ErrorBody, ErrorCode, SessionsResponse } from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { docUrl, type PlanClient } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import { probeDoc } from '../support/rawSocket';
import { openAdjustment } from '../support/openAdjustment';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

const PLAN = 'county-1-2021';
const TOPIC = 'county-1-2021-appraisal';
/** "Within seconds": how long an open connection may take to feel a revocation or a demotion. */
const WITHIN_MS = 3_000;
/** Time for a dropped edit to have reached the others and the database, were it not dropped. */
const SETTLE_MS = 300;

/** Resolves with the close code of a provider's socket the next time it closes. */
function nextClose(client: PlanClient): Promise<number> {
  return new Promise((resolve) => {
    const onClose = (event: CloseEvent | null) => {
      client.provider.off('connection-close', onClose);
      // Stop reconnecting: the test is about this close.
      client.provider.shouldConnect = false;
      resolve(event?.code ?? -1);
    };
    client.provider.on('connection-close', onClose);
  });
}

describeEachDialect('access changes on open connections', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  const sockets: BoardSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  /** Updates of PLAN in the stored log, once everything pending is written. */
  const storedCount = async () => {
    const { db } = running().server;
    await db.docs.flush();
    return (await db.docs.history(planDocName(PLAN))).length;
  };

  it('a revoked session’s /yjs connection closes with 4401 and its board socket is ended, within seconds', async () => {
    const editor = await running().signIn('county.editor');
    const token = await editor.syncToken();
    const client = await connect(PLAN, { token });
    const board = await connectBoardSocket(running().baseUrl, { token });
    if (!board.ok) throw new Error(board.code);
    sockets.push(board.socket);
    const ended = new Promise((resolve) => board.socket.once('session:ended', resolve));
    const disconnected = new Promise((resolve) => board.socket.once('disconnect', resolve));
    const closed = nextClose(client);

    const admin = await running().signIn('county.admin');
    const listed = SessionsResponse.parse(
      await (await admin.fetch('/api/admin/sessions?orgId=county-1')).json(),
    ).sessions;
    expect(listed.map((session) => session.id)).toContain(editor.me.sessionId);
    const started = Date.now();
    expect(
      (await admin.fetch(`/api/admin/sessions/${editor.me.sessionId}`, { method: 'DELETE' })).status,
    ).toBe(204);

    expect(await closed).toBe(CloseCode.unauthenticated);
    expect(await ended).toEqual({ reason: ErrorCode.sessionRevoked });
    await disconnected;
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);

    const me = await editor.fetch('/api/me');
    expect(me.status).toBe(401);
    expect(ErrorBody.parse(await me.json()).error.code).toBe(ErrorCode.sessionRevoked);
    // Its sync tokens died with it.
    expect(await probeDoc(docUrl(running().syncUrl, planDocName(PLAN), {}, token))).toEqual({
      accepted: false,
      code: CloseCode.unauthenticated,
    });
    // An administrator of another county may not revoke (nor learn of) a session of this county.
    const other = await running().signIn('county2.editor');
    const stranger = await running().signIn('county.editor');
    const refused = await other.fetch(`/api/admin/sessions/${stranger.me.sessionId}`, { method: 'DELETE' });
    expect(refused.status).toBe(404);
    expect((await stranger.fetch('/api/me')).status).toBe(200);
  });

  it('a demoted editor’s open connection turns read-only within seconds, and closes when access is gone', async () => {
    const admin = await running().signIn('county.admin');
    const editor = await running().signIn('county.editor');
    const token = await editor.syncToken();
    // The demo county plan is executing: the editor changes its topics within an adjustment.
    await openAdjustment(editor, PLAN);
    const demoted = await connect(PLAN, { token });
    const watcher = await connect(PLAN);
    const board = await connectBoardSocket(running().baseUrl, { token });
    if (!board.ok) throw new Error(board.code);
    sockets.push(board.socket);
    expect(await board.socket.emitWithAck('plan:watch', { planId: 'township-1-2021' })).toEqual({ ok: true });
    const accessChanged = new Promise((resolve) => board.socket.once('access:changed', resolve));

    // Writes while still an editor.
    updateTopic(demoted.doc, TOPIC, { leaderInCharge: '孙主任' });
    await waitFor(
      'the editor’s edit to arrive',
      () => getTopic(watcher.doc, TOPIC)?.leaderInCharge === '孙主任',
    );

    const demote = await admin.fetch(`/api/admin/orgs/county-1/members/${editor.me.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(demote.status).toBe(200);
    await accessChanged;

    // The same open connection: its edits are now dropped, never applied, stored or relayed.
    const stored = await storedCount();
    const dropped = running().server.stats.droppedReadOnlyUpdates;
    addTopic(demoted.doc, { title: '降级后试图新增的议题' });
    updateTopic(demoted.doc, TOPIC, { month: 1 });
    await waitFor(
      'the server to drop the demoted user’s edits',
      () => running().server.stats.droppedReadOnlyUpdates > dropped,
      WITHIN_MS,
    );
    await sleep(SETTLE_MS);
    expect(await storedCount()).toBe(stored);
    expect(watcher.topics().some((topic) => topic.title === '降级后试图新增的议题')).toBe(false);
    expect(getTopic(watcher.doc, TOPIC)?.month).toBe(11);
    expect(demoted.provider.wsconnected).toBe(true);
    // Still a reader: the writer's edits keep arriving.
    topicNotes(watcher.doc, TOPIC)?.insert(0, '赵主任');
    await waitFor('the reader to follow', () =>
      topicNotes(demoted.doc, TOPIC)?.toString().startsWith('赵主任'),
    );

    // Removed from the organisation: county-1's plan is published, so still readable; the unpublished
    // township plan is not, so a connection to it closes with 4403 and the board leaves its room.
    const townshipClient = await connect('township-1-2021', { token: await editor.syncToken() });
    const closed = nextClose(townshipClient);
    const removed = await admin.fetch(`/api/admin/orgs/county-1/members/${editor.me.user.id}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect(await closed).toBe(CloseCode.forbidden);
    await waitFor('the board socket to leave the plan room', async () => {
      const rooms = await running().server.io.of('/board').in('plan:township-1-2021').fetchSockets();
      return rooms.length === 0;
    });

    // Restore the demo membership for the other tests.
    const restored = await admin.fetch(`/api/admin/orgs/county-1/members/${editor.me.user.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'editor' }),
    });
    expect(restored.status).toBe(200);
  });

  it('a viewer’s edits reach neither the other clients nor the stored log', async () => {
    const viewer = await running().signIn('city.viewer');
    const reader = await connect('city-2021', { token: await viewer.syncToken() });
    const writer = await connect('city-2021');
    const docName = planDocName('city-2021');
    await running().server.db.docs.flush();
    const stored = (await running().server.db.docs.history(docName)).length;
    const dropped = running().server.stats.droppedReadOnlyUpdates;
    addTopic(reader.doc, { title: '查看者试图新增的议题' });
    await waitFor('the edit to be dropped', () => running().server.stats.droppedReadOnlyUpdates > dropped);
    await sleep(SETTLE_MS);
    await running().server.db.docs.flush();
    expect((await running().server.db.docs.history(docName)).length).toBe(stored);
    expect(writer.topics().some((topic) => topic.title === '查看者试图新增的议题')).toBe(false);
  });
});
