import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '@yipan/db';
import { CloseCode } from '@yipan/protocol';
import { errorFields, type Logger } from '../createLogger';
import { MalformedFrameError } from './MalformedFrameError';
import {
  encodeAwarenessFrame,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MessageType,
  SyncMessageType,
} from './messages';
import { SyncConnection } from './SyncConnection';
import type { SyncStats } from './SyncStats';
import { validateAwarenessUpdate } from './validateAwarenessUpdate';
import { validateUpdate } from './validateUpdate';
import { classifyUpdate } from './classifyUpdate';

/** Transaction origin of updates replayed from the database: they are not stored again. */
const LOAD_ORIGIN = 'yipan:load';

/** Stands for the server among the senders of a broadcast, so no connection is skipped for it. */
const SERVER_SENDER = Symbol('server');

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
  /** Called when an update touching a frozen plan's content was dropped (its sender has no open adjustment). */
  onRefused?: (room: DocRoom, connection: SyncConnection) => void;
  /** Called once an applied update is committed, with the milliseconds from its arrival to the commit. */
  onPersisted?: (delayMs: number) => void;
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

/**
 * One document in memory and the connections editing it. Loaded completely from the DocStore before
 * any connection joins; every update applied from a connection is stored with its author and, merged
 * with the others of the same event-loop turn, broadcast to the other connections.
 */
export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connections = new Set<SyncConnection>();
  private readonly pendingWrites = new Set<Promise<void>>();
  /** Updates produced by the transaction being applied; kept aside so that a failed apply stores and sends nothing. */
  private captured: Uint8Array[] | null = null;
  /** Updates applied this event-loop turn and the connections they came from, until `broadcast` sends them. */
  private outgoing: Uint8Array[] = [];
  private outgoingSenders = new Set<SyncConnection | typeof SERVER_SENDER>();
  private broadcastTimer: NodeJS.Immediate | null = null;
  private broken = false;
  private destroyed = false;
  /** Set by the lifecycle (DocRooms.setPolicy) when the room loads and on every transition or adjustment. */
  private policy: EditPolicy = OPEN_POLICY;

  /**
   * Loads a document (snapshot, then the updates after it) and returns its room. The rows come from
   * Yipan's own log (validated when received, or written by compaction), so they are applied as they
   * are; only if that throws is the document loaded again with every row checked, skipping bad ones.
   */
  static async load(name: string, context: DocRoomContext): Promise<DocRoom> {
    const loaded = await context.store.load(name);
    const stored = loaded.snapshot ? [loaded.snapshot, ...loaded.updates] : loaded.updates;
    const trusted = new DocRoom(name, context);
    try {
      trusted.replay(stored, (update) => Y.applyUpdate(trusted.doc, update, LOAD_ORIGIN));
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
    return checked;
  }

  private constructor(
    readonly name: string,
    private readonly context: DocRoomContext,
  ) {
    this.doc.on('update', (update: Uint8Array) => this.captured?.push(update));
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

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof SyncConnection) {
      for (const id of [...changes.added, ...changes.updated]) origin.awarenessClients.add(id);
      for (const id of changes.removed) origin.awarenessClients.delete(id);
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const frame = encodeAwarenessFrame(this.awareness, changed);
    for (const connection of this.connections) connection.send(frame);
  };

  /** Adds a connection and starts its sync: the server's step 1 (writers only) and everyone's awareness. */
  addConnection(connection: SyncConnection): void {
    this.connections.add(connection);
    // A read-only connection is never asked for its state: whatever it would send back is dropped anyway.
    if (connection.mode === 'write') connection.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(encodeAwarenessFrame(this.awareness, states));
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
        const states = [...this.awareness.getStates().keys()];
        if (states.length > 0) connection.send(encodeAwarenessFrame(this.awareness, states));
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
        try {
          Y.decodeStateVector(stateVector);
        } catch {
          throw new MalformedFrameError('invalid state vector');
        }
        connection.send(encodeSyncStep2(this.doc, stateVector));
        return;
      }
      case SyncMessageType.step2:
      case SyncMessageType.update: {
        this.context.stats.receivedUpdates += 1;
        const { update, isEmpty } = this.validated(readPayload(decoder));
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
        if (!isEmpty && this.refusesFrozenEdit(connection, update)) return;
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
    this.context.onRefused?.(this, connection);
    return true;
  }

  private handleAwareness(connection: SyncConnection, update: Uint8Array): void {
    validateAwarenessUpdate(update);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  private applyFromConnection(connection: SyncConnection, update: Uint8Array): void {
    const produced: Uint8Array[] = [];
    this.captured = produced;
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      // Validation passed, so this is a Yjs integration failure that may have changed the doc halfway.
      // Nothing of it was sent or stored; drop the room so the next connection reloads the stored state.
      this.context.logger.error('a validated update failed to apply; reloading the document', {
        doc: this.name,
        ...errorFields(error),
      });
      this.breakRoom();
      return;
    } finally {
      this.captured = null;
    }
    this.commit(produced, connection.author, connection);
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
      this.persist(effective, author);
    }
    this.outgoing.push(...produced);
    // With no sender every connection gets the frame; a server edit has no connection of its own.
    this.outgoingSenders.add(sender ?? SERVER_SENDER);
    this.broadcastTimer ??= setImmediate(this.broadcast);
    this.context.onChange?.(this);
  }

  /**
   * Sends the updates applied during this event-loop turn as one merged frame per connection. Under
   * load one socket read brings many frames; sending each to every connection at once was most of
   * the server's time (one `writev` per update per connection) and stalled the event loop.
   */
  private readonly broadcast = (): void => {
    const updates = this.outgoing;
    const senders = this.outgoingSenders;
    this.outgoing = [];
    this.outgoingSenders = new Set();
    this.broadcastTimer = null;
    const [first] = updates;
    if (!first || this.destroyed) return;
    const frame = encodeSyncUpdate(updates.length === 1 ? first : Y.mergeUpdates(updates));
    // A lone sender has all of it already. With several, each gets the merge: Yjs ignores its own part.
    const [soleSender] = senders.size === 1 ? senders : [];
    for (const connection of this.connections) if (connection !== soleSender) connection.send(frame);
  };

  private breakRoom(): void {
    if (this.broken) return;
    this.broken = true;
    this.context.onBroken(this);
  }

  private persist(update: Uint8Array, author: string): void {
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
  }

  /** Resolves once every update applied so far is committed to the database. */
  async flush(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.all([...this.pendingWrites]);
  }

  /** Closes every connection with the given code. */
  closeConnections(code: number, reason: string): void {
    for (const connection of this.connections) connection.close(code, reason);
  }

  /** Frees the document and its awareness; call after `flush()`. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.broadcastTimer) clearImmediate(this.broadcastTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
