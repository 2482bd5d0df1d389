import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createPlanDoc, createPlanUndoManager, planDocName, type Topic } from '@yipan/domain';
import { YJS_PATH_PREFIX } from '@yipan/protocol';
import type { Store } from './createStore';
import { createCardFactsStore, createTopicsStore, type CardFacts } from './topicsStore';
import { createConnectionStore, shouldReconnect, type ConnectionState } from './connectionStore';
import { createPresenceStore, type Peer, type PresenceState, type PresenceUser } from './presenceStore';
import { createUndoStore, type UndoState } from './undoStore';

/** `ws(s)://<host>/yjs`: the provider appends `/<roomname>`. */
function syncServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${YJS_PATH_PREFIX.replace(/\/$/, '')}`;
}

/**
 * Everything one open plan needs: its Y.Doc, the WebsocketProvider keeping it in sync, the undo manager
 * of local changes and the stores the UI reads. The doc outlives disconnects, so offline edits merge
 * on reconnect; it is destroyed only when the plan is closed.
 */
export class PlanSession {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly undoManager: Y.UndoManager;
  readonly topics: Store<Topic[]>;
  /** Per topic, what its board card shows besides the fields (joint, steps). */
  readonly cardFacts: Store<Map<string, CardFacts>>;
  readonly connection: Store<ConnectionState>;
  readonly peers: Store<Peer[]>;
  readonly undo: Store<UndoState>;
  private readonly teardown: (() => void)[] = [];

  /** `user` null: no presence until `showAs` (a session opened before the app knows who is signed in). */
  constructor(
    readonly planId: string,
    user: PresenceUser | null,
  ) {
    this.doc = createPlanDoc();
    // Not connected yet: `connect()` is called once the session is really in use (see PlanSessionProvider).
    this.provider = new WebsocketProvider(syncServerUrl(), planDocName(planId), this.doc, {
      shouldReconnect,
      connect: false,
    });
    // Local edits are made with the default (null) origin; remote ones carry the provider as origin.
    this.undoManager = createPlanUndoManager(this.doc);
    const topics = createTopicsStore(this.doc);
    const cardFacts = createCardFactsStore(this.doc);
    const connection = createConnectionStore(this.provider);
    const peers = createPresenceStore(this.provider.awareness);
    const undo = createUndoStore(this.undoManager);
    this.topics = topics;
    this.cardFacts = cardFacts;
    this.connection = connection;
    this.peers = peers;
    this.undo = undo;
    this.teardown.push(topics.destroy, cardFacts.destroy, connection.destroy, peers.destroy, undo.destroy);
    if (user) this.showAs(user);
    else this.provider.awareness.setLocalState(null);
    this.followBrowserOnlineState();
    this.restorePresenceOnReconnect();
  }

  /**
   * Awareness ignores a state whose clock it has seen before, even once that state was removed for a
   * closed connection. So on every (re)connect: forget the clocks of peers dropped meanwhile, so that
   * their states re-sent by the server count again; and bump our own clock by re-setting our state,
   * so that the peers (who dropped us) take it again. Otherwise presence returns only with the next
   * 15 s renewal.
   */
  private restorePresenceOnReconnect(): void {
    const { awareness } = this.provider;
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      for (const clientId of [...awareness.meta.keys()]) {
        if (clientId !== awareness.clientID && !awareness.states.has(clientId))
          awareness.meta.delete(clientId);
      }
      const state = awareness.getLocalState();
      if (state !== null) awareness.setLocalState({ ...state });
    };
    this.provider.on('status', onStatus);
    this.teardown.push(() => this.provider.off('status', onStatus));
  }

  /**
   * When the browser says it is offline the socket is closed at once rather than after the provider's
   * 30 s silence watchdog, so the indicator is honest; edits keep going into the doc and merge on reconnect.
   */
  private followBrowserOnlineState(): void {
    let refused = false;
    const onClosed = () => {
      refused = true;
    };
    // A refused connection opened again on purpose (access re-checked) follows the browser again.
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') refused = false;
    };
    const onOffline = () => this.provider.disconnect();
    const onOnline = () => {
      if (!refused) this.provider.connect();
    };
    this.provider.on('closed', onClosed);
    this.provider.on('status', onStatus);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    this.teardown.push(() => {
      this.provider.off('closed', onClosed);
      this.provider.off('status', onStatus);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    });
  }

  /** Starts syncing (and, offline, keeps retrying until the server answers). */
  connect(): void {
    this.provider.connect();
  }

  /**
   * Drops the connection and opens a new one: after the user's access grew (viewer → editor), the
   * server decides the new connection's mode afresh; the open one stays read-only.
   */
  reconnect(): void {
    this.provider.disconnect();
    this.provider.connect();
  }

  /** Shows this browser to the others as `user`, with no topic open. */
  showAs(user: PresenceUser): void {
    const presence: PresenceState = { user: { name: user.name, color: user.color }, editingTopicId: null };
    this.provider.awareness.setLocalState(presence);
  }

  /** Tells the others which topic this browser has open in the drawer (null: none). */
  setEditing(topicId: string | null): void {
    this.provider.awareness.setLocalStateField('editingTopicId', topicId);
  }

  /** Closes the plan: leaves presence, stops syncing and frees the document. */
  destroy(): void {
    for (const stop of this.teardown) stop();
    this.undoManager.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}
