import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { useTemporarySqliteDatabase } from '@yipan/db/testing';
import type { DocRelay } from './DocRelay';
import { loadTestRoom, nextTurn, recordingConnection } from './roomTesting';
import { MalformedFrameError } from './MalformedFrameError';
import { encodeAwarenessMessage, MessageType } from './messages';
import { validateAwarenessUpdate, type AwarenessEntry } from './validateAwarenessUpdate';

/** The awareness entries of the awareness frames among `frames`, one list per frame. */
function awarenessFrames(frames: Uint8Array[]): AwarenessEntry[][] {
  return frames
    .filter((frame) => frame[0] === MessageType.awareness)
    .map((frame) => {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      return validateAwarenessUpdate(decoding.readVarUint8Array(decoder));
    });
}

/** A client's presence, as the y-websocket provider keeps it. */
function presence(): awarenessProtocol.Awareness {
  return new awarenessProtocol.Awareness(new Y.Doc());
}

/** The awareness frame a client sends announcing its current state. */
function announce(awareness: awarenessProtocol.Awareness): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
}

describe('DocRoom awareness', () => {
  const database = useTemporarySqliteDatabase();

  const room = (name: string, relay?: DocRelay) => loadTestRoom(database().docs, name, relay);

  it('sends three changes of one client in one turn to the others as one frame with the latest state', async () => {
    const target = await room('plan:awareness-turn');
    const typing = recordingConnection(target.name);
    const watching = recordingConnection(target.name);
    target.addConnection(typing.connection);
    target.addConnection(watching.connection);
    watching.sent.length = 0;
    const user = presence();
    for (const topic of ['甲', '乙', '丙']) {
      user.setLocalStateField('editingTopicId', topic);
      target.handleFrame(typing.connection, announce(user));
    }
    await nextTurn();

    expect(awarenessFrames(watching.sent)).toEqual([
      [
        {
          clientId: user.clientID,
          clock: user.meta.get(user.clientID)?.clock,
          state: { editingTopicId: '丙' },
        },
      ],
    ]);
    user.destroy();
    target.destroy();
  });

  it('ignores a client sending back the states it received, but still refuses a broken one', async () => {
    const target = await room('plan:awareness-echo');
    const typing = recordingConnection(target.name);
    const echoing = recordingConnection(target.name);
    target.addConnection(typing.connection);
    target.addConnection(echoing.connection);
    const user = presence();
    user.setLocalState({ user: { name: '张三' } });
    target.handleFrame(typing.connection, announce(user));
    await nextTurn();
    const [received] = echoing.sent.filter((frame) => frame[0] === MessageType.awareness);
    typing.sent.length = 0;

    // The y-websocket provider sends every awareness update it applies back: nothing changed, nothing is sent.
    target.handleFrame(echoing.connection, received!);
    await nextTurn();
    expect(typing.sent).toEqual([]);

    const broken = encodeAwarenessMessage(
      awarenessProtocol.modifyAwarenessUpdate(
        awarenessProtocol.encodeAwarenessUpdate(user, [user.clientID]),
        () => ({ user: { name: '张三' }, more: true }),
      ),
    );
    broken[broken.length - 2] = '{'.charCodeAt(0);
    expect(() => target.handleFrame(echoing.connection, broken)).toThrow(MalformedFrameError);
    user.destroy();
    target.destroy();
  });

  it('tells the others when a client leaves, and relays its own clients’ changes of one turn once', async () => {
    const publications: Uint8Array[] = [];
    const relay: DocRelay = {
      join: () => undefined,
      leave: () => undefined,
      publishUpdate: () => undefined,
      publishAwareness: (_docName, update) => publications.push(update),
      publishClaims: () => undefined,
    };
    const target = await room('plan:awareness-leave', relay);
    const leaving = recordingConnection(target.name);
    const staying = recordingConnection(target.name);
    target.addConnection(leaving.connection);
    target.addConnection(staying.connection);
    const user = presence();
    user.setLocalStateField('editingTopicId', '甲');
    target.handleFrame(leaving.connection, announce(user));
    user.setLocalStateField('editingTopicId', '乙');
    target.handleFrame(leaving.connection, announce(user));
    // A state relayed from another process in the same turn reaches the clients here, not the relay.
    const elsewhere = presence();
    elsewhere.setLocalStateField('editingTopicId', '丙');
    target.applyRelayedAwareness(awarenessProtocol.encodeAwarenessUpdate(elsewhere, [elsewhere.clientID]));
    await nextTurn();

    expect(publications.map((update) => validateAwarenessUpdate(update).map((entry) => entry.state))).toEqual(
      [[{ editingTopicId: '乙' }]],
    );
    expect(
      awarenessFrames(staying.sent)
        .at(-1)
        ?.map((entry) => entry.clientId),
    ).toEqual([user.clientID, elsewhere.clientID]);

    staying.sent.length = 0;
    target.removeConnection(leaving.connection);
    await nextTurn();
    expect(awarenessFrames(staying.sent)).toEqual([
      [{ clientId: user.clientID, clock: user.meta.get(user.clientID)?.clock, state: null }],
    ]);
    expect(publications).toHaveLength(2);
    expect(target.awareness.getStates().has(user.clientID)).toBe(false);
    user.destroy();
    elsewhere.destroy();
    target.destroy();
  });
});
