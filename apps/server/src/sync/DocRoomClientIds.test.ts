import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '@yipan/protocol';
import { useTemporarySqliteDatabase } from '@yipan/db/testing';
import { CLIENT_ID_TAKEN } from './ClientIdOwners';
import { encodeAwarenessMessage, encodeSyncStep2, encodeSyncUpdate } from './messages';
import { loadTestRoom, recordingConnection } from './roomTesting';

/** The update a change to `doc` produces, as its provider would send it. */
function edit(doc: Y.Doc, change: (text: Y.Text) => void): Uint8Array {
  let produced: Uint8Array | null = null;
  const keep = (update: Uint8Array) => (produced = update);
  doc.on('update', keep);
  change(doc.getText('notes'));
  doc.off('update', keep);
  if (!produced) throw new Error('the change produced no update');
  return encodeSyncUpdate(produced);
}

/**
 * A replica holding what `source` holds that writes as `clientId`: a hostile client's copy. The id is
 * set after the state is in, because Yjs gives an honest replica a new id when it receives changes
 * under its own.
 */
function impostor(clientId: number, source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  doc.clientID = clientId;
  return doc;
}

/** Presence under the client id of `doc`, with `state` set `times` times (each bumps the clock). */
function presenceOf(doc: Y.Doc, state: Record<string, unknown>, times = 1): awarenessProtocol.Awareness {
  const awareness = new awarenessProtocol.Awareness(doc);
  for (let i = 0; i < times; i++) awareness.setLocalState({ ...state });
  return awareness;
}

function announce(awareness: awarenessProtocol.Awareness): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
}

const takenError = { closeCode: CloseCode.clientIdTaken, reason: CLIENT_ID_TAKEN };

describe('DocRoom client ids', () => {
  const database = useTemporarySqliteDatabase();
  const room = (name: string) => loadTestRoom(database().docs, name);
  /** A room with the owner of a replica and another user connected. */
  const roomOfTwo = async (name: string) => {
    const target = await room(name);
    const owner = recordingConnection(target.name, 'usr_owner');
    const other = recordingConnection(target.name, 'usr_other');
    target.addConnection(owner.connection);
    target.addConnection(other.connection);
    return { target, owner, other };
  };

  it('refuses a change under another user’s client id whole, so the owner’s next change is not lost', async () => {
    const { target, owner, other } = await roomOfTwo('plan:client-ids-update');
    const ownerDoc = new Y.Doc();
    target.handleFrame(
      owner.connection,
      edit(ownerDoc, (text) => text.insert(0, '甲')),
    );

    // The impostor's change takes the clock the owner's next change will have.
    const spoof = edit(impostor(ownerDoc.clientID, ownerDoc), (text) => text.insert(1, '伪'));
    expect(() => target.handleFrame(other.connection, spoof)).toThrow(expect.objectContaining(takenError));
    expect(target.doc.getText('notes').toString()).toBe('甲');

    target.handleFrame(
      owner.connection,
      edit(ownerDoc, (text) => text.insert(1, '乙')),
    );
    expect(target.doc.getText('notes').toString()).toBe('甲乙');
    expect(Y.encodeStateVector(target.doc)).toEqual(Y.encodeStateVector(ownerDoc));
    target.destroy();
  });

  it('gives a new client id to the user whose change starts it, and lets that user reconnect under it', async () => {
    const target = await room('plan:client-ids-start');
    const first = recordingConnection(target.name, 'usr_first');
    const doc = new Y.Doc();
    target.handleFrame(
      first.connection,
      edit(doc, (text) => text.insert(0, '甲')),
    );

    const stranger = recordingConnection(target.name, 'usr_stranger');
    const spoof = edit(impostor(doc.clientID, doc), (text) => text.insert(1, '伪'));
    expect(() => target.handleFrame(stranger.connection, spoof)).toThrow(expect.objectContaining(takenError));

    // The same user on a new connection (a reconnect, another process's hand-over) goes on writing.
    const again = recordingConnection(target.name, 'usr_first');
    target.handleFrame(
      again.connection,
      edit(doc, (text) => text.insert(1, '乙')),
    );
    expect(target.doc.getText('notes').toString()).toBe('甲乙');
    target.destroy();
  });

  it('lets a reconnecting client hand back someone else’s changes without taking their id', async () => {
    const target = await room('plan:client-ids-resend');
    // After a crash, a client that had received the writer's first change (lost on the server) sends it back.
    const writerDoc = new Y.Doc();
    edit(writerDoc, (text) => text.insert(0, '甲'));
    const reconnecting = recordingConnection(target.name, 'usr_reader');
    target.handleFrame(reconnecting.connection, encodeSyncStep2(writerDoc, Y.encodeStateVector(new Y.Doc())));
    expect(target.doc.getText('notes').toString()).toBe('甲');

    const writer = recordingConnection(target.name, 'usr_writer');
    target.handleFrame(
      writer.connection,
      edit(writerDoc, (text) => text.insert(1, '乙')),
    );
    expect(target.doc.getText('notes').toString()).toBe('甲乙');
    target.destroy();
  });

  it('refuses changes under the server’s own client id', async () => {
    const target = await room('plan:client-ids-server');
    const client = recordingConnection(target.name);
    const spoof = edit(impostor(target.doc.clientID, target.doc), (text) => text.insert(0, '伪'));
    expect(() => target.handleFrame(client.connection, spoof)).toThrow(expect.objectContaining(takenError));
    expect(target.doc.getText('notes').toString()).toBe('');
    target.destroy();
  });

  it('refuses presence under another user’s id, ignores their removal of it, and applies the owner’s own', async () => {
    const { target, owner, other } = await roomOfTwo('plan:client-ids-presence');
    const ownerDoc = new Y.Doc();
    const ownerPresence = presenceOf(ownerDoc, { user: { name: '张三' } });
    target.handleFrame(owner.connection, announce(ownerPresence));

    // A newer clock than the owner's: y-protocols alone would take it.
    const fake = presenceOf(impostor(ownerDoc.clientID, ownerDoc), { user: { name: '李四' } }, 3);
    expect(() => target.handleFrame(other.connection, announce(fake))).toThrow(
      expect.objectContaining(takenError),
    );
    awarenessProtocol.removeAwarenessStates(fake, [fake.clientID], 'test');
    target.handleFrame(other.connection, announce(fake));
    expect(target.awareness.getStates().get(ownerDoc.clientID)).toEqual({ user: { name: '张三' } });

    // Everyone's own presence still comes and goes.
    const otherPresence = presenceOf(new Y.Doc(), { user: { name: '王五' } });
    target.handleFrame(other.connection, announce(otherPresence));
    expect(target.awareness.getStates().get(otherPresence.clientID)).toEqual({ user: { name: '王五' } });
    awarenessProtocol.removeAwarenessStates(ownerPresence, [ownerDoc.clientID], 'test');
    target.handleFrame(owner.connection, announce(ownerPresence));
    expect(target.awareness.getStates().has(ownerDoc.clientID)).toBe(false);
    target.destroy();
  });
});
