import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { useTemporarySqliteDatabase } from '@yipan/db/testing';
import { addTopic, createPlanDoc, listTopics } from '@yipan/domain';
import type { DocRelay, RelayedDoc } from './DocRelay';
import { CloseCode } from '@yipan/protocol';
import { decodeClaims } from './ClientIdOwners';
import { encodeAwarenessMessage } from './messages';
import { loadTestRoom, nextTurn, recordingConnection } from './roomTesting';

/** A relay that records what a room hands it, in place of Redis. */
function recordingRelay() {
  const published: { docName: string; update: Uint8Array }[] = [];
  const awareness: Uint8Array[] = [];
  const claims: Uint8Array[] = [];
  const joined: RelayedDoc[] = [];
  const relay: DocRelay = {
    join: (doc) => joined.push(doc),
    leave: () => undefined,
    publishUpdate: (docName, update) => published.push({ docName, update }),
    publishAwareness: (_docName, update) => awareness.push(update),
    publishClaims: (_docName, claim) => claims.push(claim),
  };
  return { relay, published, awareness, claims, joined };
}

/** Resolves once the room has handed an update to the relay (it does after the commit). */
async function waitForPublication(published: unknown[]): Promise<void> {
  while (published.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('DocRoom with a relay to other processes', () => {
  const database = useTemporarySqliteDatabase();

  const room = (name: string, relay?: DocRelay) => loadTestRoom(database().docs, name, relay);

  it('applies a relayed update without storing it or relaying it again', async () => {
    const { relay, published } = recordingRelay();
    const target = await room('plan:relayed', relay);
    const elsewhere = createPlanDoc();
    addTopic(elsewhere, { title: '另一进程的议题' });
    target.applyRelayed(Y.encodeStateAsUpdate(elsewhere));
    await nextTurn();
    await target.flush();

    expect(listTopics(target.doc).map((topic) => topic.title)).toEqual(['另一进程的议题']);
    expect(published).toEqual([]);
    // The process that received it from its client stores it; stored twice it would be written twice.
    const stored = await database().docs.load('plan:relayed');
    expect(stored.snapshot).toBeNull();
    expect(stored.updates).toEqual([]);
    target.destroy();
  });

  it('relays its own changes of one turn as one merged update, and stores them', async () => {
    const { relay, published } = recordingRelay();
    const source = await room('plan:source', relay);
    source.applyServerEdit('usr_a', (doc) => addTopic(doc, { title: '甲' }));
    source.applyServerEdit('usr_a', (doc) => addTopic(doc, { title: '乙' }));
    // A relayed update in the same turn goes to this process's clients, not back to the others.
    const elsewhere = createPlanDoc();
    addTopic(elsewhere, { title: '丙' });
    source.applyRelayed(Y.encodeStateAsUpdate(elsewhere));
    await nextTurn();
    await source.flush();
    // Published once committed, so a crash of this process cannot lose what the others have seen.
    await waitForPublication(published);

    expect(published).toHaveLength(1);
    const peer = createPlanDoc();
    Y.applyUpdate(peer, published[0]!.update);
    expect(
      listTopics(peer)
        .map((topic) => topic.title)
        .sort(),
    ).toEqual(['乙', '甲']);
    expect((await database().docs.load('plan:source')).updates).toHaveLength(2);
    source.destroy();
  });

  it('shows awareness relayed from other processes without relaying it back', async () => {
    const { relay, awareness } = recordingRelay();
    const target = await room('plan:awareness', relay);
    const remote = new awarenessProtocol.Awareness(new Y.Doc());
    remote.setLocalState({ user: { name: '三号进程的用户' } });
    target.applyRelayedAwareness(awarenessProtocol.encodeAwarenessUpdate(remote, [remote.clientID]));

    expect(target.awareness.getStates().get(remote.clientID)).toEqual({ user: { name: '三号进程的用户' } });
    expect(awareness).toEqual([]);
    expect(target.awarenessSnapshot()).not.toBeNull();
    remote.destroy();
    target.destroy();
  });

  it('tells the other processes who took a client id, and takes theirs, so nobody writes as a replica elsewhere', async () => {
    const here = recordingRelay();
    const there = recordingRelay();
    const first = await room('plan:claims', here.relay);
    const owner = recordingConnection(first.name, 'usr_owner');
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ user: { name: '张三' } });
    const announce = () =>
      encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID]));
    first.handleFrame(owner.connection, announce());
    // A renewal takes nothing new: one claim per id.
    presence.setLocalState({ user: { name: '张三' } });
    first.handleFrame(owner.connection, announce());
    expect(here.claims.map(decodeClaims)).toEqual([[{ clientId: presence.clientID, author: 'usr_owner' }]]);

    // The same document on another process, which took the claim from the relay.
    const second = await loadTestRoom(database().docs, 'plan:claims', there.relay);
    second.applyRelayedClaims(here.claims[0]!);
    const stranger = recordingConnection(second.name, 'usr_stranger');
    expect(() => second.handleFrame(stranger.connection, announce())).toThrow(
      expect.objectContaining({ closeCode: CloseCode.clientIdTaken }),
    );
    // The owner, moved to the other process, goes on; a process that joins later hears every claim.
    second.handleFrame(recordingConnection(second.name, 'usr_owner').connection, announce());
    expect(second.awareness.getStates().get(presence.clientID)).toEqual({ user: { name: '张三' } });
    expect(decodeClaims(second.clientIdClaimsSnapshot()!)).toEqual([
      { clientId: presence.clientID, author: 'usr_owner' },
    ]);
    expect(there.claims).toEqual([]);
    first.destroy();
    second.destroy();
  });
});
