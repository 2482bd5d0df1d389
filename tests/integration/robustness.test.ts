import { beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { addTopic, createPlanDoc, getTopic, planDocName, topicNotes, updateTopic } from '@yipan/domain';
import { CloseCode } from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import { bytes, frame, raw, uint } from '../support/frames';
import { boardOf, connectClient, docUrl, type PlanClient } from '../support/connectClient';
import { closeCodeForUrl, closeCodeOf, openRaw } from '../support/rawSocket';
import { openAdjustment } from '../support/openAdjustment';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

const PLAN = 'county-1-2021';
const TOPIC = 'county-1-2021-enforcement';
/** How long a raw connection is watched for the server's reaction to a bad frame. */
const REACTION_MS = 1_500;

/** A deterministic byte sequence that looks random (xorshift), so a failure can be replayed. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** A real update adding a topic titled `title`, as an attacker could capture it, cut short before its delete set. */
function truncatedUpdate(title: string): Uint8Array {
  const doc = createPlanDoc();
  addTopic(doc, { title });
  const update = Y.encodeStateAsUpdate(doc);
  // Dropping the last byte leaves every struct intact but the delete set unreadable: a naive
  // Y.applyUpdate integrates the topic and only then throws.
  return update.slice(0, -1);
}

/** One awareness entry; `json` is written verbatim so it can be broken. */
function awarenessEntry(clientId: number, clock: number, json: string) {
  return (encoder: encoding.Encoder) => {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  };
}

const INJECTED = '注入的议题';
const EVIL_CLIENT = 424_242;

/**
 * A hostile copy of `source` that writes as `source`'s Yjs client id. The id is set once the state is
 * in: Yjs itself gives an honest replica a new id when it receives changes under its own.
 */
function impostorOf(source: Y.Doc): Y.Doc {
  const doc = createPlanDoc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  doc.clientID = source.clientID;
  return doc;
}

/** The update one change to `doc` produces. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const keep = (update: Uint8Array) => updates.push(update);
  doc.on('update', keep);
  change();
  doc.off('update', keep);
  return Y.mergeUpdates(updates);
}

/** Frames no honest client sends; each must leave the plan untouched. */
const MALFORMED: Array<{ name: string; data: Uint8Array | string }> = [
  { name: 'random bytes', data: pseudoRandomBytes(256, 0x2021) },
  { name: 'more random bytes', data: pseudoRandomBytes(4096, 0xbeef) },
  { name: 'empty frame', data: new Uint8Array() },
  { name: 'truncated varint', data: new Uint8Array([0x80]) },
  { name: 'sync message without sub-type', data: frame(uint(0)) },
  {
    name: 'length prefix past the end',
    data: frame(uint(0), uint(2), uint(1_000), raw(new Uint8Array([1, 2, 3]))),
  },
  { name: 'unknown message type', data: frame(uint(7), bytes(new Uint8Array([1, 2]))) },
  { name: 'unknown sync sub-type', data: frame(uint(0), uint(9), bytes(new Uint8Array([0, 0]))) },
  { name: 'server-only auth message', data: frame(uint(2), uint(0), bytes(new Uint8Array([1]))) },
  { name: 'garbage state vector', data: frame(uint(0), uint(0), bytes(new Uint8Array([5, 0xff, 0xff]))) },
  { name: 'garbage Yjs update', data: frame(uint(0), uint(2), bytes(pseudoRandomBytes(64, 7))) },
  { name: 'garbage sync step 2', data: frame(uint(0), uint(1), bytes(new Uint8Array([3, 0x90, 0x01]))) },
  {
    name: 'valid structs, truncated delete set',
    data: frame(uint(0), uint(2), bytes(truncatedUpdate(INJECTED))),
  },
  { name: 'garbage awareness', data: frame(uint(1), bytes(pseudoRandomBytes(32, 99))) },
  {
    name: 'awareness: a valid entry, then broken JSON',
    data: frame(
      uint(1),
      bytes(
        frame(
          uint(2),
          awarenessEntry(EVIL_CLIENT, 1, '{"user":"evil"}'),
          awarenessEntry(EVIL_CLIENT + 1, 1, '{"user":'),
        ),
      ),
    ),
  },
  { name: 'text frame', data: 'hello, server' },
];

describeEachDialect('a hostile or broken client', (dialect) => {
  const { running, connect, track } = useTestServer(dialect);
  // The demo county plan is executing: its topics change within an adjustment.
  beforeAll(() => openAdjustment(running().editor, PLAN));

  it('an unknown plan or document is closed with 4404', async () => {
    const server = running();
    expect(await closeCodeForUrl(server.docUrl(planDocName('no-such-plan')))).toBe(CloseCode.notFound);
    expect(await closeCodeForUrl(server.docUrl('other:thing'))).toBe(CloseCode.notFound);
    expect(await closeCodeForUrl(server.docUrl('%E0%A4%A'))).toBe(CloseCode.notFound);

    // The stock provider reports the code and stops reconnecting.
    const client = track(connectClient(server.syncUrl, 'no-such-plan'));
    const closed = await new Promise<{ code: number }>((resolve) =>
      client.provider.on('closed', (event) => resolve(event)),
    );
    expect(closed.code).toBe(CloseCode.notFound);
  });

  it('malformed frames are dropped without touching the plan, and honest clients keep working', async () => {
    const { server } = running();
    const a = await connect(PLAN);
    const b = await connect(PLAN);
    // The honest clients' sockets: a reconnect would replace them.
    const [socketA, socketB] = [a.provider.ws, b.provider.ws];
    const boardBefore = boardOf(a);
    const stateBefore = Y.encodeStateVector(a.doc);
    const docName = planDocName(PLAN);
    await server.db.docs.flush();
    const storedBefore = (await server.db.docs.history(docName)).length;
    const malformedBefore = server.stats.malformedFrames;

    for (const { name, data } of MALFORMED) {
      const socket = await openRaw(running().docUrl(docName));
      socket.send(data);
      const outcome = await closeCodeOf(socket, REACTION_MS);
      socket.terminate();
      // The offending connection is closed as unsupported (1003) or invalid (1007); nothing else happens.
      expect([CloseCode.unsupportedData, CloseCode.invalidPayload], name).toContain(outcome.code);
    }

    expect(server.stats.malformedFrames - malformedBefore).toBe(MALFORMED.length);
    // The plan is exactly as it was, for connected clients and for anyone opening it now.
    const fresh = await connect(PLAN);
    expect(boardOf(fresh)).toBe(boardBefore);
    expect(boardOf(a)).toBe(boardBefore);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(stateBefore);
    expect(fresh.topics().some((topic) => topic.title === INJECTED)).toBe(false);
    expect(a.provider.awareness.getStates().has(EVIL_CLIENT)).toBe(false);
    expect(fresh.provider.awareness.getStates().has(EVIL_CLIENT)).toBe(false);
    await server.db.docs.flush();
    expect((await server.db.docs.history(docName)).length).toBe(storedBefore);

    // The honest clients were never disconnected and still sync both ways.
    updateTopic(a.doc, TOPIC, { month: 7 });
    await waitFor('b to see a’s edit', () => getTopic(b.doc, TOPIC)?.month === 7);
    updateTopic(b.doc, TOPIC, { reportingUnit: '县人民法院执行局' });
    await waitFor('a to see b’s edit', () => getTopic(a.doc, TOPIC)?.reportingUnit === '县人民法院执行局');
    expect(a.provider.ws).toBe(socketA);
    expect(b.provider.ws).toBe(socketB);
  });

  it('a client writing or announcing presence as another user’s replica is closed 4409, and the owner loses nothing', async () => {
    const server = running();
    const owner = await connect(PLAN);
    owner.provider.awareness.setLocalState({ user: { name: '测试编辑 张三', color: '#1f4e8c' } });
    const notesOf = (client: PlanClient) => topicNotes(client.doc, TOPIC)?.toString() ?? '';
    const ownerNotes = topicNotes(owner.doc, TOPIC);
    if (!ownerNotes) throw new Error(`${TOPIC} has no notes`);
    ownerNotes.insert(ownerNotes.length, '甲');
    const watcher = await connect(PLAN);
    await waitFor('the watcher to see the owner’s typing', () => notesOf(watcher).endsWith('甲'));
    await waitFor('the watcher to see the owner’s presence', () =>
      watcher.provider.awareness.getStates().has(owner.doc.clientID),
    );
    // Another editor of the plan with a hand-built client. Notes stay editable in an executing plan,
    // so nothing but the client id stands between their changes and the plan.
    const token = await (await server.signIn('county.editor')).syncToken();
    const url = docUrl(server.syncUrl, planDocName(PLAN), {}, token);

    // A change under the owner's id takes the clock of the owner's next keystroke.
    const impostor = impostorOf(owner.doc);
    const spoofed = updateOf(impostor, () => topicNotes(impostor, TOPIC)?.insert(0, '冒名'));
    const writing = await openRaw(url);
    writing.send(frame(uint(0), uint(2), bytes(spoofed)));
    expect((await closeCodeOf(writing, REACTION_MS)).code).toBe(CloseCode.clientIdTaken);
    writing.terminate();

    // Presence under the owner's id with a newer clock, showing someone else's name.
    const fakePresence = new awarenessProtocol.Awareness(impostor);
    for (let i = 0; i < 5; i++) fakePresence.setLocalState({ user: { name: '冒名者', color: '#000000' } });
    const announcing = await openRaw(url);
    announcing.send(
      frame(uint(1), bytes(awarenessProtocol.encodeAwarenessUpdate(fakePresence, [impostor.clientID]))),
    );
    expect((await closeCodeOf(announcing, REACTION_MS)).code).toBe(CloseCode.clientIdTaken);
    announcing.terminate();
    fakePresence.destroy();

    // The owner's next keystroke, with the very clock the impostor tried, reaches everyone.
    ownerNotes.insert(ownerNotes.length, '乙');
    await waitFor('the watcher to see the owner’s next keystroke', () => notesOf(watcher).endsWith('甲乙'));
    const fresh = await connect(PLAN);
    expect(notesOf(fresh)).toBe(notesOf(owner));
    expect(notesOf(fresh)).not.toContain('冒名');
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(owner.doc));
    await waitFor('the fresh client to see the owner’s presence', () =>
      fresh.provider.awareness.getStates().has(owner.doc.clientID),
    );
    for (const client of [watcher, fresh])
      expect(client.provider.awareness.getStates().get(owner.doc.clientID)).toEqual({
        user: { name: '测试编辑 张三', color: '#1f4e8c' },
      });
  });
});
