import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '@yipan/db';
import { CloseCode, type EditRefusalCode } from '@yipan/protocol';
import { errorFields, type Logger } from '../createLogger';
import { MalformedFrameError } from './MalformedFrameError';
import {
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MessageType,
  SyncMessageType,
} from './messages';
import { SyncConnection } from './SyncConnection';
import type { SyncStats } from './SyncStats';
import {
  encodeAwarenessEntries,
  validateAwarenessUpdate,
  type AwarenessEntry,
} from './validateAwarenessUpdate';
import { ClientIdOwners, decodeClaims, encodeClaims } from './ClientIdOwners';
import { validateUpdate } from './validateUpdate';
import { classifyUpdate } from './classifyUpdate';
import type { DocRelay, RelayedDoc } from './DocRelay';
import { DocSizeGuard } from '../limits/DocSizeGuard';
import { DEFAULT_LIMITS } from '../limits/limits';

/** Transaction origin of updates replayed from the database: they are not stored again. */
const LOAD_ORIGIN = 'yipan:load';

/** Stands for the server among the senders of a broadcast, so no connection is skipped for it. */
const SERVER_SENDER = Symbol('server');

/**
 * Transaction and awareness origin of changes relayed from another server process: sent to this
 * process's clients, but neither stored (the process that received them stores them) nor relayed again.
 */
export const RELAY_ORIGIN = 'yipan:relay';

/**
 * Longest a relayed update waits for its own commit: beyond the durability promise (100 ms) the database
 * is in trouble, and the other processes' users should still see the edit.
 */
const RELAY_STORE_WAIT_MS = 250;

/** Awareness origin y-protocols uses when it drops a state that was not renewed; every process does that itself. */
const AWARENESS_TIMEOUT_ORIGIN = 'timeout';

/** Whether Yjs holds structs or deletions of the document it could not integrate yet. */
function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Reads a frame header field, turning a truncated varint into a malformed-frame error. */
function readHeader(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new MalformedFrameError('truncated message header');
  }
}

/** Reads a length-prefixed payload, refusing a length that runs past the end of the frame. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  let length: number;
  try {
    length = decoding.readVarUint(decoder);
  } catch {
    throw new MalformedFrameError('truncated payload length');
  }
  if (length > decoder.arr.length - decoder.pos) throw new MalformedFrameError('payload runs past the frame');
  return decoding.readUint8Array(decoder, length);
}

/** Dependencies a room is built with. */
export type DocRoomContext = {
  store: DocStore;
  logger: Logger;
  stats: SyncStats;
  /** Called once when applying a validated update threw anyway: the room must be dropped and reloaded. */
  onBroken: (room: DocRoom) => void;
  /** Called after updates were applied and queued for storage (from a connection or the server itself). */
  onChange?: (room: DocRoom) => void;
  /**
   * Called when a connection's update was dropped: it touched a frozen plan's content and its sender has no
   * open adjustment (`adjustment_required`), or it would grow the document past `maxDocBytes`.
   */
  onRefused?: (room: DocRoom, connection: SyncConnection, code: EditRefusalCode) => void;
  /** Largest state the document may grow to (default DEFAULT_LIMITS.maxDocBytes). */
  maxDocBytes?: number;
  /** Called once an applied update is committed, with the milliseconds from its arrival to the commit. */
  onPersisted?: (delayMs: number) => void;
  /** Carries this room's updates and awareness to other server processes holding the document (several processes). */
  relay?: DocRelay;
};

/**
 * Who may change a plan's content now: nobody's edits to plan fields are applied while the plan is frozen
 * (approved or later), except those of users with an open adjustment (DOMAIN.md step 7).
 */
export type EditPolicy = { frozen: boolean; adjusters: ReadonlySet<string> };

/** The policy of a document that is not a frozen plan: every writer's update is applied. */
export const OPEN_POLICY: EditPolicy = { frozen: false, adjusters: new Set() };

/** Transaction origin of changes the server makes itself (accepting a proposal, restoring a version). */
export const SERVER_ORIGIN = 'yipan:server';

/** How long the encoded whole document is kept for fresh clients when nothing changes. */
const FULL_STATE_CACHE_MS = 5_000;

/**
 * One document in memory and the connections editing it. Loaded completely from the DocStore before
 * any connection joins; every update applied from a connection is stored with its author and, merged
 * with the others of the same event-loop turn, broadcast to the other connections.
 */
export class DocRoom implements RelayedDoc {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  /** Who may write and announce presence under each Yjs client id; what is taken here is relayed. */
  private readonly clientOwners = new ClientIdOwners(this.doc, (claim) =>
    this.context.relay?.publishClaims(this.name, encodeClaims([claim])),
  );
  private readonly connections = new Set<SyncConnection>();
  private readonly pendingWrites = new Set<Promise<void>>();
  /** Updates produced by the transaction being applied; kept aside so that a failed apply stores and sends nothing. */
  private captured: Uint8Array[] | null = null;
  /** Updates applied this event-loop turn and the connections they came from, until `broadcast` sends them. */
  private outgoing: Uint8Array[] = [];
  private outgoingSenders = new Set<SyncConnection | typeof SERVER_SENDER | typeof RELAY_ORIGIN>();
  /** The part of `outgoing` applied here (not relayed): published to the other processes once stored. */
  private outgoingLocal: Uint8Array[] = [];
  /** The writes of `outgoingLocal`, which the relay waits for. */
  private outgoingWrites: Promise<void>[] = [];
  /** Awareness clients changed this turn, sent with their latest state by `broadcast`. */
  private awarenessChanged = new Set<number>();
  /** The part of `awarenessChanged` announced on this process (not relayed, not timed out): published to the other processes. */
  private awarenessLocal = new Set<number>();
  /**
   * The clock and JSON of the last state sent to clients for each awareness client. The y-websocket
   * provider sends every state it receives back; an entry equal to what was sent is known to be valid
   * and stale, and is neither parsed nor applied again.
   */
  private readonly sentAwareness = new Map<number, { clock: number; json: string }>();
  /**
   * Sync step 2 for a client that has nothing yet (a board opened fresh): the same bytes for every such
   * client until the document changes, so a meeting's worth of people opening the plan at once costs
   * one encoding of it, not one each. Dropped at the next change, or after FULL_STATE_CACHE_MS.
   */
  private fullStateFrame: Uint8Array | null = null;
  private fullStateTimer: NodeJS.Timeout | null = null;
  private broadcastTimer: NodeJS.Immediate | null = null;
  private broken = false;
  private destroyed = false;
  /** Set by the lifecycle (DocRooms.setPolicy) when the room loads and on every transition or adjustment. */
  private policy: EditPolicy = OPEN_POLICY;
  /** Set once loaded: keeps connections' updates from growing the document past its limit. */
  private sizeGuard: DocSizeGuard | null = null;

  /**
   * Loads a document (snapshot, then the updates after it) and returns its room. The rows come from
   * Yipan's own log (validated when received, or written by compaction), so they are applied as they
   * are; only if that throws is the document loaded again with every row checked, skipping bad ones.
   */
  static async load(name: string, context: DocRoomContext): Promise<DocRoom> {
    const loaded = await context.store.load(name);
    const stored = loaded.snapshot ? [loaded.snapshot, ...loaded.updates] : loaded.updates;
    const trusted = new DocRoom(name, context);
    const storedBytes = stored.reduce((sum, update) => sum + update.byteLength, 0);
    const maxDocBytes = context.maxDocBytes ?? DEFAULT_LIMITS.maxDocBytes;
    try {
      trusted.replay(stored, (update) => Y.applyUpdate(trusted.doc, update, LOAD_ORIGIN));
      trusted.sizeGuard = new DocSizeGuard(trusted.doc, maxDocBytes, storedBytes);
      return trusted;
    } catch (error) {
      // The failed row may have changed the document halfway: start again from an empty one.
      trusted.destroy();
      context.logger.warn('a stored update failed to apply; loading the document again row by row', {
        doc: name,
        ...errorFields(error),
      });
    }
    const checked = new DocRoom(name, context);
    checked.replay(stored, (update, index) => checked.applyChecked(update, index));
    checked.sizeGuard = new DocSizeGuard(checked.doc, maxDocBytes, storedBytes);
    return checked;
  }

  private constructor(
    readonly name: string,
    private readonly context: DocRoomContext,
  ) {
    this.doc.on('update', (update: Uint8Array) => {
      this.fullStateFrame = null;
      this.captured?.push(update);
    });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server is not a participant: it relays states but announces none of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Whether the plan's content is frozen, and who holds an open adjustment. */
  get editPolicy(): EditPolicy {
    return this.policy;
  }

  /** Changes who may edit the plan's content from the next frame on. */
  setEditPolicy(policy: EditPolicy): void {
    this.policy = policy;
  }

  /** Connections currently in the room. */
  get size(): number {
    return this.connections.size;
  }

  /** Applies the stored rows in one transaction, so observers run once for the whole load. */
  private replay(stored: Uint8Array[], apply: (update: Uint8Array, index: number) => void): void {
    this.doc.transact(() => {
      for (const [index, update] of stored.entries()) apply(update, index);
    }, LOAD_ORIGIN);
  }

  /** Applies a stored row only if it validates; a row that does not is skipped so the rest of the plan still opens. */
  private applyChecked(update: Uint8Array, index: number): void {
    try {
      validateUpdate(update);
      Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
    } catch (error) {
      this.context.logger.error('skipped an unreadable stored update', {
        doc: this.name,
        index,
        ...errorFields(error),
      });
    }
  }

  /**
   * Queues changed awareness clients for the turn's broadcast: whatever a client announced several times
   * in one turn (or its echoes brought back) goes out once, as its latest state.
   */
  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // Destroying the awareness removes the server's own (empty) state: nobody is left to hear it.
    if (this.destroyed) return;
    if (origin instanceof SyncConnection) {
      for (const id of changes.added) origin.awarenessClients.add(id);
      for (const id of changes.updated) origin.awarenessClients.add(id);
      for (const id of changes.removed) origin.awarenessClients.delete(id);
    }
    const local = this.context.relay && origin !== RELAY_ORIGIN && origin !== AWARENESS_TIMEOUT_ORIGIN;
    for (const changed of [changes.added, changes.updated, changes.removed])
      for (const id of changed) {
        this.awarenessChanged.add(id);
        if (local) this.awarenessLocal.add(id);
      }
    this.broadcastTimer ??= setImmediate(this.broadcast);
  };

  /**
   * Encodes the current awareness state of the given clients (a removed client as null) and notes what
   * was sent, so that a client's echo of it is recognised.
   */
  private encodeAwareness(clients: Iterable<number>, count: number): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, count);
    const states = this.awareness.getStates();
    for (const clientId of clients) {
      const state: unknown = states.get(clientId) ?? null;
      const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
      const json = JSON.stringify(state);
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
      if (state === null) this.sentAwareness.delete(clientId);
      else this.sentAwareness.set(clientId, { clock, json });
    }
    return encoding.toUint8Array(encoder);
  }

  /** A frame with every awareness state known here; null when there is none. */
  private awarenessStatesFrame(): Uint8Array | null {
    const states = this.awareness.getStates();
    return states.size > 0 ? encodeAwarenessMessage(this.encodeAwareness(states.keys(), states.size)) : null;
  }

  /** Whether an awareness entry is one the server sent to clients, echoed back: valid, and changing nothing. */
  private readonly isAwarenessEcho = (clientId: number, clock: number, json: string): boolean => {
    const sent = this.sentAwareness.get(clientId);
    return sent !== undefined && sent.clock === clock && sent.json === json;
  };

  /** Whether applying an awareness entry would change the room's awareness (the rule of y-protocols' applyAwarenessUpdate). */
  private changesAwareness({ clientId, clock, state }: AwarenessEntry): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return (
      current < clock || (current === clock && state === null && this.awareness.getStates().has(clientId))
    );
  }

  /** Every awareness state known here, encoded; null when there is none. */
  awarenessSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** Applies awareness states relayed from another process; this process's clients hear them with the turn's broadcast. */
  applyRelayedAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, RELAY_ORIGIN);
  }

  clientIdClaimsSnapshot(): Uint8Array | null {
    const claims = this.clientOwners.all();
    return claims.length > 0 ? encodeClaims(claims) : null;
  }

  applyRelayedClaims(claims: Uint8Array): void {
    if (this.destroyed) return;
    this.clientOwners.adopt(decodeClaims(claims));
  }

  /**
   * Applies an update another process applied and stores: this process's clients get it with the
   * turn's merged broadcast; it is not stored here nor relayed again.
   */
  applyRelayed(update: Uint8Array): void {
    if (this.broken || this.destroyed) return;
    const produced = this.applyCaptured(update, RELAY_ORIGIN);
    if (produced === null || produced.length === 0) return;
    for (const effective of produced) this.sizeGuard?.grew(effective.byteLength);
    this.queueBroadcast(produced, RELAY_ORIGIN);
  }

  /**
   * Applies what stored rows (this document's snapshot and log, written by any process) hold and this
   * room lacks: like a relayed update, this process's clients get it; it is neither stored again nor
   * relayed (the rows are already in the database, and every process catches up itself).
   */
  applyStored(rows: Uint8Array[]): void {
    if (rows.length === 0 || this.broken || this.destroyed) return;
    this.applyRelayed(Y.diffUpdate(Y.mergeUpdates(rows), Y.encodeStateVector(this.doc)));
  }

  /** Adds a connection and starts its sync: the server's step 1 (writers only) and everyone's awareness. */
  addConnection(connection: SyncConnection): void {
    this.connections.add(connection);
    // A read-only connection is never asked for its state: whatever it would send back is dropped anyway.
    if (connection.mode === 'write') connection.send(encodeSyncStep1(this.doc));
    const states = this.awarenessStatesFrame();
    if (states) connection.send(states);
  }

  /** Removes a connection and the awareness states it announced; returns how many remain. */
  removeConnection(connection: SyncConnection): number {
    this.connections.delete(connection);
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null);
    }
    return this.connections.size;
  }

  /** Handles one frame from a connection. Throws MalformedFrameError when it does not decode; the document is untouched then. */
  handleFrame(connection: SyncConnection, frame: Uint8Array): void {
    if (this.broken || this.destroyed) return;
    const decoder = decoding.createDecoder(frame);
    const type = readHeader(decoder);
    switch (type) {
      case MessageType.sync:
        this.handleSync(connection, decoder);
        return;
      case MessageType.awareness:
        this.handleAwareness(connection, readPayload(decoder));
        return;
      case MessageType.queryAwareness: {
        const states = this.awarenessStatesFrame();
        if (states) connection.send(states);
        return;
      }
      default:
        throw new MalformedFrameError(`unknown message type ${type}`, CloseCode.unsupportedData);
    }
  }

  private handleSync(connection: SyncConnection, decoder: decoding.Decoder): void {
    const type = readHeader(decoder);
    switch (type) {
      case SyncMessageType.step1: {
        const stateVector = readPayload(decoder);
        let known: Map<number, number>;
        try {
          known = Y.decodeStateVector(stateVector);
        } catch {
          throw new MalformedFrameError('invalid state vector');
        }
        connection.send(
          known.size === 0 ? this.fullState(stateVector) : encodeSyncStep2(this.doc, stateVector),
        );
        return;
      }
      case SyncMessageType.step2:
      case SyncMessageType.update: {
        this.context.stats.receivedUpdates += 1;
        const { update, isEmpty, writers } = this.validated(readPayload(decoder));
        if (connection.mode === 'read') {
          if (!isEmpty) {
            this.context.stats.droppedReadOnlyUpdates += 1;
            this.context.logger.debug('dropped an update from a read-only connection', {
              doc: this.name,
              connection: connection.id,
            });
          }
          return;
        }
        this.clientOwners.admitUpdate(connection.author, writers, type === SyncMessageType.update);
        if (!isEmpty && this.refusesFrozenEdit(connection, update)) return;
        if (!isEmpty && this.refusesOversize(connection, update)) return;
        this.applyFromConnection(connection, update);
        return;
      }
      default:
        throw new MalformedFrameError(`unknown sync message type ${type}`, CloseCode.unsupportedData);
    }
  }

  /** Validates an update's payload, counting the ones dropped because they do not decode. */
  private validated(payload: Uint8Array): ReturnType<typeof validateUpdate> {
    try {
      return validateUpdate(payload);
    } catch (error) {
      this.context.stats.droppedInvalidUpdates += 1;
      throw error;
    }
  }

  /**
   * Whether an update is dropped whole because it changes a frozen plan's content outside an adjustment:
   * not applied, not stored, not broadcast. Decided before applying, from where its changes land.
   */
  private refusesFrozenEdit(connection: SyncConnection, update: Uint8Array): boolean {
    if (!this.policy.frozen || this.policy.adjusters.has(connection.author)) return false;
    if (classifyUpdate(this.doc, update) === 'execution') return false;
    this.context.stats.refusedFrozenUpdates += 1;
    this.context.logger.debug('dropped an edit to a frozen plan made outside an adjustment', {
      doc: this.name,
      connection: connection.id,
    });
    this.context.onRefused?.(this, connection, 'adjustment_required');
    return true;
  }

  /** Whether an update is dropped whole because the document would grow past its size limit. */
  private refusesOversize(connection: SyncConnection, update: Uint8Array): boolean {
    if (!this.sizeGuard || this.sizeGuard.admits(update.byteLength)) return false;
    this.context.logger.warn('dropped an update that would make the document too large', {
      doc: this.name,
      connection: connection.id,
      bytes: update.byteLength,
    });
    this.context.onRefused?.(this, connection, 'document_too_large');
    return true;
  }

  /**
   * Validates an awareness update whole, then applies it only if it changes something: most awareness
   * frames under load are y-websocket clients sending back the states they just received. Of the
   * entries that change something, only the sender's own are applied (ClientIdOwners).
   */
  private handleAwareness(connection: SyncConnection, update: Uint8Array): void {
    const changing = validateAwarenessUpdate(update, this.isAwarenessEcho).filter((entry) =>
      this.changesAwareness(entry),
    );
    if (changing.length === 0) return;
    const admitted = this.clientOwners.admitAwareness(connection.author, changing);
    if (admitted.length === 0) return;
    // Entries that change nothing are no-ops for y-protocols too, so the frame itself can go in whole.
    const applied = admitted.length === changing.length ? update : encodeAwarenessEntries(admitted);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, applied, connection);
  }

  /**
   * Applies a connection's update against the live document. An update that builds on changes the
   * document lacks (a struct after a gap in its client's clocks, an origin or a deletion of an item
   * nobody has) would wait in Yjs' pending store: invisible here, yet sent on by step 2 and integrated
   * whenever a later update fills the gap, so replicas drift apart (a long fuzzing run found one such
   * corrupted plan). What did integrate is kept, stored and sent like any edit; the pending rest is
   * dropped and the connection closed, so its client resyncs from the server's state. Honest clients
   * never get there: the server already has everything their edits build on.
   */
  private applyFromConnection(connection: SyncConnection, update: Uint8Array): void {
    const hadPending = hasPending(this.doc);
    const produced = this.applyCaptured(update, connection);
    if (produced !== null) this.commit(produced, connection.author, connection);
    if (produced === null || hadPending || !hasPending(this.doc)) return;
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.context.stats.droppedInvalidUpdates += 1;
    throw new MalformedFrameError('update builds on changes the document lacks', CloseCode.unsupportedData);
  }

  /**
   * Applies an update and returns what it changed (the document's own update events), or null when
   * applying threw: then nothing was sent or stored, and the room is dropped so the next connection
   * reloads the stored state (validation passed, so this is a Yjs integration failure that may have
   * changed the document halfway).
   */
  private applyCaptured(update: Uint8Array, origin: unknown): Uint8Array[] | null {
    const produced: Uint8Array[] = [];
    this.captured = produced;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.context.logger.error('an update failed to apply; reloading the document', {
        doc: this.name,
        relayed: origin === RELAY_ORIGIN,
        ...errorFields(error),
      });
      this.breakRoom();
      return null;
    } finally {
      this.captured = null;
    }
    return produced;
  }

  /**
   * Makes a change on the server's own initiative, in one transaction, stored as `author` and sent to
   * every connection like any edit. `edit` must not throw after changing the document.
   */
  applyServerEdit(author: string, edit: (doc: Y.Doc) => void): void {
    const produced: Uint8Array[] = [];
    this.captured = produced;
    try {
      this.doc.transact(() => edit(this.doc), SERVER_ORIGIN);
    } finally {
      this.captured = null;
    }
    this.commit(produced, author, null);
  }

  /** Stores applied updates with their author and queues them for the next broadcast. */
  private commit(produced: Uint8Array[], author: string, sender: SyncConnection | null): void {
    if (produced.length === 0) return;
    for (const effective of produced) {
      this.context.stats.appliedUpdates += 1;
      this.sizeGuard?.grew(effective.byteLength);
      const write = this.persist(effective, author);
      if (this.context.relay) this.outgoingWrites.push(write);
    }
    if (this.context.relay) this.outgoingLocal.push(...produced);
    // With no sender every connection gets the frame; a server edit has no connection of its own.
    this.queueBroadcast(produced, sender ?? SERVER_SENDER);
    this.context.onChange?.(this);
  }

  /** Queues applied updates for the turn's merged broadcast. */
  private queueBroadcast(
    produced: Uint8Array[],
    sender: SyncConnection | typeof SERVER_SENDER | typeof RELAY_ORIGIN,
  ): void {
    this.outgoing.push(...produced);
    this.outgoingSenders.add(sender);
    this.broadcastTimer ??= setImmediate(this.broadcast);
  }

  /**
   * Sends what changed during this event-loop turn: the applied updates as one merged frame per
   * connection, and the changed awareness states as another. Under load one socket read brings many
   * frames; sending each to every connection at once was most of the server's time (one `writev` per
   * update per connection) and stalled the event loop.
   */
  private readonly broadcast = (): void => {
    this.broadcastTimer = null;
    if (this.destroyed) return;
    this.broadcastUpdates();
    this.broadcastAwareness();
  };

  /** Sends the turn's applied updates, merged, and relays the part applied here once it is stored. */
  private broadcastUpdates(): void {
    const updates = this.outgoing;
    const senders = this.outgoingSenders;
    const local = this.outgoingLocal;
    const writes = this.outgoingWrites;
    this.outgoing = [];
    this.outgoingSenders = new Set();
    this.outgoingLocal = [];
    this.outgoingWrites = [];
    const [first] = updates;
    if (!first) return;
    // Merged on first need: a writer alone in its room (most plans, most of the time) needs no merge.
    let merged: Uint8Array | null = updates.length === 1 ? first : null;
    const mergedUpdates = (): Uint8Array => (merged ??= Y.mergeUpdates(updates));
    // Other processes get only what was applied here: relayed updates are already theirs.
    if (local.length > 0)
      this.relayOnceStored(local.length === updates.length ? mergedUpdates() : Y.mergeUpdates(local), writes);
    // A lone sender has all of it already. With several, each gets the merge: Yjs ignores its own part.
    const [soleSender] = senders.size === 1 ? senders : [];
    let frame: Uint8Array | null = null;
    for (const connection of this.connections)
      if (connection !== soleSender) connection.send((frame ??= encodeSyncUpdate(mergedUpdates())));
  }

  /**
   * Sends the latest state of every awareness client changed this turn, in one frame to every connection
   * (its own state included, as y-websocket servers do), and publishes the part announced on this process.
   */
  private broadcastAwareness(): void {
    const changed = this.awarenessChanged;
    const local = this.awarenessLocal;
    if (changed.size === 0) return;
    this.awarenessChanged = new Set();
    this.awarenessLocal = new Set();
    const update = this.encodeAwareness(changed, changed.size);
    if (this.connections.size > 0) {
      const frame = encodeAwarenessMessage(update);
      for (const connection of this.connections) connection.send(frame);
    }
    if (local.size === 0) return;
    this.context.relay?.publishAwareness(
      this.name,
      local.size === changed.size
        ? update
        : awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...local]),
    );
  }

  /**
   * Publishes this turn's own update to the other processes once it is committed, so that what anyone
   * sees on another process is never lost with this one (kill -9); at most RELAY_STORE_WAIT_MS later
   * (the database is slow or away: its queue keeps the update, the relay must not stall).
   */
  private relayOnceStored(update: Uint8Array, writes: Promise<void>[]): void {
    const { relay } = this.context;
    if (!relay) return;
    let timer: NodeJS.Timeout | undefined;
    const capped = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, RELAY_STORE_WAIT_MS);
    });
    void Promise.race([Promise.all(writes), capped]).then(() => {
      clearTimeout(timer);
      relay.publishUpdate(this.name, update);
    });
  }

  private breakRoom(): void {
    if (this.broken) return;
    this.broken = true;
    this.context.onBroken(this);
  }

  /** Stores an applied update; resolves once it is committed (or failed, which is counted and logged). */
  private persist(update: Uint8Array, author: string): Promise<void> {
    // Called in the turn the update arrived and was applied: append resolves once its batch is committed.
    const receivedAt = performance.now();
    const { onPersisted } = this.context;
    const appended = this.context.store.append(this.name, update, author);
    const committed = onPersisted
      ? appended.then(() => onPersisted(performance.now() - receivedAt))
      : appended;
    const write = committed.catch((error: unknown) => {
      this.context.stats.persistFailures += 1;
      this.context.logger.error('failed to store a document update', {
        doc: this.name,
        author,
        ...errorFields(error),
      });
    });
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
    return write;
  }

  /** Resolves once every update applied so far is committed to the database. */
  async flush(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.all([...this.pendingWrites]);
  }

  /** Closes every connection with the given code. */
  closeConnections(code: number, reason: string): void {
    for (const connection of this.connections) connection.close(code, reason);
  }

  /** Sync step 2 of the whole document, encoded once while it does not change (see `fullStateFrame`). */
  private fullState(emptyStateVector: Uint8Array): Uint8Array {
    if (this.fullStateFrame) return this.fullStateFrame;
    const frame = encodeSyncStep2(this.doc, emptyStateVector);
    this.fullStateFrame = frame;
    // Not kept in memory for an idle plan: only a burst of openings needs it.
    if (this.fullStateTimer) clearTimeout(this.fullStateTimer);
    this.fullStateTimer = setTimeout(() => {
      this.fullStateFrame = null;
      this.fullStateTimer = null;
    }, FULL_STATE_CACHE_MS);
    this.fullStateTimer.unref();
    return frame;
  }

  /** Frees the document and its awareness; call after `flush()`. */
  destroy(): void {
    if (this.destroyed) return;
    if (this.broadcastTimer) {
      clearImmediate(this.broadcastTimer);
      this.broadcastTimer = null;
      // A departure of this turn still reaches the other processes, which have no connection to lose.
      this.broadcastAwareness();
    }
    this.destroyed = true;
    if (this.fullStateTimer) clearTimeout(this.fullStateTimer);
    this.fullStateFrame = null;
    this.awareness.destroy();
    this.doc.destroy();
  }
}
