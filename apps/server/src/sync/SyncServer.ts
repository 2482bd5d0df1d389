import type * as Y from 'yjs';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isFrozen, planIdFromDocName } from '@yipan/domain';
import { CloseCode, ErrorCode, YJS_PATH_PREFIX } from '@yipan/protocol';
import type { Database } from '@yipan/db';
import type { LiveConnections } from '../auth/LiveConnections';
import { errorFields, type Logger } from '../createLogger';
import {
  docGrant,
  resolveDocAccess,
  type AccessContext,
  type DocDecision,
  type DocTarget,
} from '../resolveDocAccess';
import { DocRooms } from './DocRooms';
import { OPEN_POLICY, type DocRoom, type EditPolicy } from './DocRoom';
import { MalformedFrameError } from './MalformedFrameError';
import { SyncConnection } from './SyncConnection';
import { createSyncStats, type SyncStats } from './SyncStats';

/** Largest frame accepted; a plan's full state is far below this, anything larger is abuse. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** Interval of the ping/pong keepalive; a socket that missed a whole round is terminated. */
export const KEEPALIVE_INTERVAL_MS = 30_000;
/** Default time an unused document stays in memory after its last connection left. */
export const DEFAULT_DOC_IDLE_GRACE_MS = 1_000;
/** Bytes a connection may send while its document is still loading before it is cut off. */
const MAX_QUEUED_BYTES = MAX_PAYLOAD_BYTES;
/** How long shutdown waits for peers to acknowledge the close before dropping their sockets. */
const SHUTDOWN_CLOSE_GRACE_MS = 1_000;
/** Options of the sync endpoint. */
export type SyncServerOptions = {
  db: Database;
  logger: Logger;
  access: AccessContext;
  live: LiveConnections;
  idleGraceMs?: number;
  keepaliveIntervalMs?: number;
  /** Called after a document applied updates, with the document's name and its in-memory state. */
  onDocChange?: (docName: string, doc: Y.Doc) => void;
  /** Called when a user's edit to a frozen plan's content was dropped (tell their board why). */
  onFrozenEditRefused?: (event: { docName: string; planId: string; userId: string }) => void;
  /** Called once an applied update is committed, with the milliseconds from its arrival (for `/metrics`). */
  onPersisted?: (delayMs: number) => void;
};

/**
 * The `/yjs/<docName>` endpoint: a y-websocket protocol server. Upgrades are decided (access, existence)
 * before the WebSocket handshake completes; accepted connections join the document's room once it
 * has loaded, with everything they sent meanwhile processed in order.
 */
export class SyncServer {
  readonly stats: SyncStats = createSyncStats();
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
  });
  private readonly rooms: DocRooms;
  private readonly connections = new Set<SyncConnection>();
  private readonly keepalive: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: SyncServerOptions) {
    this.rooms = new DocRooms({
      store: options.db.docs,
      logger: options.logger,
      stats: this.stats,
      idleGraceMs: options.idleGraceMs ?? DEFAULT_DOC_IDLE_GRACE_MS,
      onChange: options.onDocChange && ((room) => options.onDocChange?.(room.name, room.doc)),
      onRefused: (room, connection) => this.refused(room, connection),
      onPersisted: options.onPersisted,
      loadPolicy: (name) => this.loadEditPolicy(name),
    });
    this.keepalive = setInterval(
      () => this.checkAlive(),
      options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
    );
    this.keepalive.unref();
  }

  /**
   * Tells a plan's room (if in memory) whether the plan is frozen and who holds an open adjustment; the
   * lifecycle calls it after every transition and every adjustment opened or closed.
   */
  setEditPolicy(docName: string, policy: EditPolicy): void {
    this.rooms.setPolicy(docName, policy);
  }

  /** A plan document's edit policy as the database has it; any other document is open to its writers. */
  private async loadEditPolicy(docName: string): Promise<EditPolicy> {
    const planId = planIdFromDocName(docName);
    const { db } = this.options;
    const plan = planId === null ? null : await db.plans.get(planId);
    if (!plan) return OPEN_POLICY;
    const adjustments = await db.lifecycle.adjustments(plan.id);
    return {
      frozen: isFrozen(plan.status),
      adjusters: new Set(adjustments.filter((row) => row.state === 'open').map((row) => row.openedBy)),
    };
  }

  /** A frozen plan's edit was dropped: audit it (at most once a minute per connection) and tell the user. */
  private refused(room: DocRoom, connection: SyncConnection): void {
    const planId = planIdFromDocName(room.name);
    if (planId === null) return;
    const { db, audit } = this.options.access;
    void db.plans.get(planId).then(
      (plan) =>
        audit.recordDenial(`frozen:${connection.id}`, {
          actorId: connection.author,
          target: `doc:${room.name}`,
          orgId: plan?.orgId ?? null,
          ip: null,
          detail: { reason: 'adjustment_required', connection: connection.id },
        }),
      (error: unknown) => this.options.logger.error('failed to audit a refused edit', errorFields(error)),
    );
    this.options.onFrozenEditRefused?.({ docName: room.name, planId, userId: connection.author });
  }

  /** Names of the documents currently in memory. */
  openDocNames(): string[] {
    return this.rooms.names();
  }

  /**
   * Changes a document on the server's own initiative (accepting a proposal, restoring a version): the
   * document is loaded if needed, the change is stored as `author` and sent to everyone connected, and
   * the promise resolves once it is committed. Resolves to what `edit` returns.
   */
  async editDoc<T>(docName: string, author: string, edit: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.rooms.acquire(docName);
    try {
      let result: T | undefined;
      room.applyServerEdit(author, (doc) => {
        result = edit(doc);
      });
      await room.flush();
      return result as T;
    } finally {
      this.rooms.release(room);
    }
  }

  /** Reads a document as it is now (in memory if open, else loaded for the read). */
  async readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.rooms.acquire(docName);
    try {
      return read(room.doc);
    } finally {
      this.rooms.release(room);
    }
  }

  /** Handles an HTTP upgrade on `/yjs/…`. The async checks run before the handshake completes. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', (error) => this.options.logger.debug('upgrade socket error', errorFields(error)));
    const docName = docNameOf(request);
    let decision: DocDecision;
    try {
      decision = await resolveDocAccess(request, docName, this.options.access);
    } catch (error) {
      this.options.logger.error('failed to open a document connection', {
        doc: docName,
        ...errorFields(error),
      });
      decision = { accept: false, code: CloseCode.internalError, reason: 'internal error' };
    }
    if (this.closing) decision = { accept: false, code: CloseCode.goingAway, reason: 'server shutting down' };
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      // Refusals complete the handshake first: a close code is something a WebSocket client can read.
      if (decision.accept) this.accept(ws, decision);
      else ws.close(decision.code, decision.reason);
    });
  }

  /**
   * Re-applies the policy to an open connection: closes it (4401) when its session ended, closes it
   * (4403) when its user lost access (to the plan, or to the meeting of the minutes), and makes it
   * read-only when the user may no longer write.
   */
  private async recheck(connection: SyncConnection, sessionId: string, target: DocTarget): Promise<void> {
    if (!connection.isOpen) return;
    const { db, auth } = this.options.access;
    const result = await auth.authenticateSessionId(sessionId);
    if (!result.ok) {
      connection.close(CloseCode.unauthenticated, result.code);
      return;
    }
    const grant = await docGrant(db, result.actor, target);
    if (!grant) {
      connection.close(CloseCode.notFound, target.kind === 'plan' ? 'unknown plan' : 'unknown meeting');
      return;
    }
    if (grant.granted === 'none') connection.close(CloseCode.forbidden, ErrorCode.forbidden);
    else if (grant.granted === 'read' && connection.mode === 'write') {
      connection.downgrade();
      this.options.logger.info('made a connection read-only after an access change', {
        doc: connection.docName,
        connection: connection.id,
      });
    }
  }

  private accept(ws: WebSocket, decision: Extract<DocDecision, { accept: true }>): void {
    const { docName, mode, auth, target } = decision;
    const connection = new SyncConnection(ws, docName, mode, auth.user.id);
    const unregister = this.options.live.add({
      sessionId: auth.session.id,
      userId: auth.user.id,
      recheck: () => this.recheck(connection, auth.session.id, target),
    });
    this.connections.add(connection);
    this.stats.connections = this.connections.size;
    let room: DocRoom | null = null;
    let closed = false;
    let queue: Uint8Array[] = [];
    let queuedBytes = 0;

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!connection.isOpen) return;
      if (!isBinary) {
        this.rejectFrame(connection, new MalformedFrameError('text frame', CloseCode.unsupportedData));
        return;
      }
      const frame = copyFrame(data);
      if (room) {
        this.handleFrame(connection, room, frame);
        return;
      }
      queuedBytes += frame.byteLength;
      if (queuedBytes > MAX_QUEUED_BYTES) {
        connection.close(CloseCode.tooLarge, 'too much data while loading');
        return;
      }
      queue.push(frame);
    });
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('error', (error) => {
      // ws reports protocol violations (bad opcodes, oversize frames) here and then closes the socket.
      this.stats.malformedFrames += 1;
      this.options.logger.warn('websocket error', {
        doc: docName,
        connection: connection.id,
        ...errorFields(error),
      });
    });
    ws.on('close', () => {
      closed = true;
      unregister();
      this.connections.delete(connection);
      this.stats.connections = this.connections.size;
      if (room) {
        room.removeConnection(connection);
        this.rooms.release(room);
      }
    });

    this.rooms.acquire(docName).then(
      (acquired) => {
        if (closed) {
          this.rooms.release(acquired);
          return;
        }
        room = acquired;
        acquired.addConnection(connection);
        const pending = queue;
        queue = [];
        for (const frame of pending) {
          if (!connection.isOpen) break;
          this.handleFrame(connection, acquired, frame);
        }
      },
      () => connection.close(CloseCode.internalError, 'failed to load document'),
    );
  }

  /** Every frame in its own try/catch: a bad frame closes only the connection that sent it. */
  private handleFrame(connection: SyncConnection, room: DocRoom, frame: Uint8Array): void {
    try {
      room.handleFrame(connection, frame);
    } catch (error) {
      if (error instanceof MalformedFrameError) this.rejectFrame(connection, error);
      else {
        this.stats.malformedFrames += 1;
        this.options.logger.error('unexpected error while handling a frame', {
          doc: room.name,
          connection: connection.id,
          ...errorFields(error),
        });
        connection.close(CloseCode.internalError, 'internal error');
      }
    }
  }

  private rejectFrame(connection: SyncConnection, error: MalformedFrameError): void {
    this.stats.malformedFrames += 1;
    this.options.logger.warn('dropped a malformed frame', {
      doc: connection.docName,
      connection: connection.id,
      reason: error.message,
    });
    connection.close(error.closeCode, 'malformed frame');
  }

  private checkAlive(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  /** Stops accepting, closes every connection with `goingAway`, and flushes every document to the database. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.keepalive);
    for (const connection of this.connections) connection.close(CloseCode.goingAway, 'server shutting down');
    await this.rooms.closeAll(CloseCode.goingAway, 'server shutting down');
    await this.waitForConnections(SHUTDOWN_CLOSE_GRACE_MS);
    for (const connection of this.connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async waitForConnections(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.connections.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The document name of a `/yjs/<docName>` request, or null when the path does not decode. */
function docNameOf(request: IncomingMessage): string | null {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (!pathname.startsWith(YJS_PATH_PREFIX)) return null;
  try {
    return decodeURIComponent(pathname.slice(YJS_PATH_PREFIX.length));
  } catch {
    return null;
  }
}

/** Copies a frame into its own buffer, so reads past its end fail instead of reading a pooled neighbour. */
function copyFrame(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}
