import { beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { addTopic, getTopic, listTopics, planDocName, updateTopic } from '@yipan/domain';
import { describeEachDialect } from '../support/dialects';
import { bytes, frame, uint } from '../support/frames';
import { openRaw } from '../support/rawSocket';
import { boardOf, type PlanClient } from '../support/connectClient';
import { openAdjustment } from '../support/openAdjustment';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

const PLAN = 'county-2-2021';
const TOPIC = 'county-2-2021-old-estates';
const FROM_READER = '只读用户试图新增的议题';
/** Time for a dropped update to have reached the other clients and the database, were it not dropped. */
const SETTLE_MS = 500;

/** The user name in an awareness state, which is untyped JSON from another client. */
function nameOf(state: Record<string, unknown> | undefined): unknown {
  const user = state?.user;
  return typeof user === 'object' && user !== null && 'name' in user ? user.name : undefined;
}

describeEachDialect('a read-only connection', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  // The demo county plan is approved: the writer changes its topics within an adjustment.
  beforeAll(() => openAdjustment(running().editor, PLAN));

  it('receives the plan and live edits, but its own edits go nowhere', async () => {
    const writer = await connect(PLAN);
    const reader = await connect(PLAN, { mode: 'read' });
    expect(boardOf(reader)).toBe(boardOf(writer));
    expect(reader.topics().length).toBeGreaterThan(0);

    const { server } = running();
    const droppedBefore = server.stats.droppedReadOnlyUpdates;
    await server.db.docs.flush();
    const storedBefore = (await server.db.docs.history(planDocName(PLAN))).length;
    addTopic(reader.doc, { title: FROM_READER });
    updateTopic(reader.doc, TOPIC, { month: 1 });
    await waitFor(
      'the server to count the dropped updates',
      () => server.stats.droppedReadOnlyUpdates >= droppedBefore + 2,
    );
    await sleep(SETTLE_MS);

    // Other clients, connected or new, never see the reader's edits.
    expect(writer.topics().some((topic) => topic.title === FROM_READER)).toBe(false);
    expect(getTopic(writer.doc, TOPIC)?.month).toBe(6);
    const fresh = await connect(PLAN);
    expect(fresh.topics().some((topic) => topic.title === FROM_READER)).toBe(false);
    expect(getTopic(fresh.doc, TOPIC)?.month).toBe(6);

    // Nor are they in the stored log.
    await server.db.docs.flush();
    const history = await server.db.docs.history(planDocName(PLAN));
    const replayed = new Y.Doc();
    for (const entry of history) Y.applyUpdate(replayed, entry.update);
    expect(listTopics(replayed, { includeArchived: true }).some((topic) => topic.title === FROM_READER)).toBe(
      false,
    );
    expect(history).toHaveLength(storedBefore);

    // The reader still follows the writer's edits live.
    updateTopic(writer.doc, TOPIC, { reportingUnit: '区住房和城乡建设局、区财政局' });
    await waitFor(
      'the reader to see the writer’s edit',
      () => getTopic(reader.doc, TOPIC)?.reportingUnit === '区住房和城乡建设局、区财政局',
    );
  });

  it('sees awareness of the writers and is seen by them', async () => {
    const writer = await connect(PLAN);
    const reader = await connect(PLAN, { mode: 'read' });
    writer.provider.awareness.setLocalStateField('user', { name: '县人大办 张三' });
    reader.provider.awareness.setLocalStateField('user', { name: '查看者 李四' });
    await waitFor(
      'the reader to see the writer',
      () => nameOf(reader.provider.awareness.getStates().get(writer.doc.clientID)) === '县人大办 张三',
    );
    await waitFor(
      'the writer to see the reader',
      () => nameOf(writer.provider.awareness.getStates().get(reader.doc.clientID)) === '查看者 李四',
    );

    // A read-only peer whose connection drops without a goodbye: the server removes its presence.
    const ghost = await openRaw(running().docUrl(planDocName(PLAN), { mode: 'read' }));
    const presence = new Awareness(new Y.Doc());
    presence.setLocalStateField('user', { name: '掉线的查看者' });
    ghost.send(frame(uint(1), bytes(encodeAwarenessUpdate(presence, [presence.clientID]))));
    const seesGhost = (client: PlanClient) => client.provider.awareness.getStates().has(presence.clientID);
    await waitFor('the writer and the reader to see the ghost', () => seesGhost(writer) && seesGhost(reader));
    ghost.terminate();
    await waitFor(
      'the ghost’s presence to disappear for everyone when its connection drops',
      () => !seesGhost(writer) && !seesGhost(reader),
    );
    presence.destroy();
  });
});
