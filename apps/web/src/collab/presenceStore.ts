import type { Awareness } from 'y-protocols/awareness';
import { createStore, type Store } from './createStore';

/** One other person who has the plan open, as their awareness state tells. */
export type Peer = { clientId: number; name: string; color: string; editingTopicId: string | null };

/** Who a client is, as the others see it: the signed-in user's display name and colour. */
export type PresenceUser = { name: string; color: string };
/** The awareness state every client publishes. */
export type PresenceState = { user: PresenceUser; editingTopicId: string | null };

/** Reads a peer from an awareness state sent by anyone: anything malformed is skipped. */
function readPeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  const editing = state.editingTopicId;
  return {
    clientId,
    name: name.slice(0, 40),
    // Only plain hex colours reach CSS: a state is data from other clients.
    color: /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#8c8c8c',
    editingTopicId: typeof editing === 'string' ? editing : null,
  };
}

const samePeers = (a: Peer[], b: Peer[]) => JSON.stringify(a) === JSON.stringify(b);

/** The other people on this plan (not this tab), in a stable order. */
export function createPresenceStore(awareness: Awareness): Store<Peer[]> & { destroy: () => void } {
  const read = () => {
    const peers: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const peer = readPeer(clientId, state);
      if (peer) peers.push(peer);
    });
    return peers.sort((a, b) => a.clientId - b.clientId);
  };
  const store = createStore<Peer[]>(read(), samePeers);
  const onChange = () => store.set(read());
  awareness.on('change', onChange);
  return { ...store, destroy: () => awareness.off('change', onChange) };
}
