import type * as Y from 'yjs';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isFrozen, planIdFromDocName } from '@yipan/domain';
import { CloseCode, ErrorCode, YJS_PATH_PREFIX, type EditRefusalCode } from '@yipan/protocol';
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
import type { DocRelay } from './DocRelay';
import { DEFAULT_LIMITS, type Limits } from '../limits/limits';
import { TokenBucket } from '../limits/TokenBucket';
import { processLoopStalls } from '../limits/loopStalls';
import { ConnectionQuota, UNLIMITED_SHARE, type UserShare } from '../limits/ConnectionQuota';
import { checkAwarenessFrame } from '../limits/frameLimits';

/** Largest frame accepted by default (see DEFAULT_LIMITS.yjsMaxPayloadBytes). */
export const MAX_PAYLOAD_BYTES = DEFAULT_LIMITS.yjsMaxPayloadBytes;
/** Interval of the ping/pong keepalive; a socket that missed a whole round is terminated. */
export const KEEPALIVE_INTERVAL_MS = 30_000;
/** A keepalive round that comes right after an event-loop stall waits this long for the unread pongs. */
const STALL_RECHECK_MS = 100;
/** Default time an unused document stays in memory after its last connection left. */
export const DEFAULT_DOC_IDLE_GRACE_MS = 1_000;
/** How long shutdown waits for peers to acknowledge the close before dropping their sockets. */
const SHUTDOWN_CLOSE_GRACE_MS = 1_000;
/**
 * How long shutdown waits for the received edits to be committed before telling clients to reconnect.
 * Normally a few milliseconds; if the database is away the clients are told anyway (they keep their
 * edits and send them again wherever they reconnect) while this process goes on retrying.
 */
const SHUTDOWN_FLUSH_WAIT_MS = 3_000;
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
  /**
   * Called when a user's edit to a plan was dropped (tell their board why): the plan is frozen
   * (`adjustment_required`) or the edit would make it too large (`document_too_large`).
   */
  onEditRefused?: (event: { docName: string; planId: string; userId: string; code: EditRefusalCode }) => void;
  /** Hard limits (DEFAULT_LIMITS when unset). */
  limits?: Limits;
  /** Called once an applied update is committed, with the milliseconds from its arrival (for `/metrics`). */
  onPersisted?: (delayMs: number) => void;
  /** Relays documents between server processes (several processes sharing PostgreSQL and Redis). */
  relay?: DocRelay;
};

/**
 * The `/yjs/<docName>` endpoint: a y-websocket protocol server. Upgrades are decided (access, existence)
 * before the WebSocket handshake completes; accepted connections join the document's room once it
 * has loaded, with everything they sent meanwhile processed in order.
 */
export class SyncServer {
  readonly stats: SyncStats = createSyncStats();
  private readonly limits: Limits;
  private readonly wss: WebSocketServer;
  /** Connections and shared message rate per user; null when per-user limits are off (USER_LIMITS=0). */
  private readonly quota: ConnectionQuota | null;
  private readonly rooms: DocRooms;
  private readonly connections = new Set<SyncConnection>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly keepaliveIntervalMs: number;
  /** A keepalive round postponed past a stall, while one is pending. */
  private keepaliveRecheck: NodeJS.Timeout | null = null;
  private lastKeepaliveAt = -Infinity;
  /** When the event loop was stalled: a stall is the server's doing, not a dead peer's. */
  private readonly loopStalls = processLoopStalls();
  private closing = false;

  constructor(private readonly options: SyncServerOptions) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    // Beyond maxPayload ws closes the connection with 1009 and emits 'error' on that socket only.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.yjsMaxPayloadBytes,
      perMessageDeflate: false,
    });
    this.quota = this.limits.perUser
      ? new ConnectionQuota(this.limits.yjsConnectionsPerUser, this.limits.yjsUserRate)
      : null;
    this.rooms = new DocRooms({
      store: options.db.docs,
      logger: options.logger,
      stats: this.stats,
      idleGraceMs: options.idleGraceMs ?? DEFAULT_DOC_IDLE_GRACE_MS,
      onChange: options.onDocChange && ((room) => options.onDocChange?.(room.name, room.doc)),
      onRefused: (room, connection, code) => this.refused(room, connection, code),
      maxDocBytes: this.limits.maxDocBytes,
      onPersisted: options.onPersisted,
      relay: options.relay,
      loadPolicy: (name) => this.loadEditPolicy(name),
    });
    this.keepaliveIntervalMs = options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS;
    this.keepalive = setInterval(() => this.checkAlive(), this.keepaliveIntervalMs);
    this.keepalive.unref();
  }

  /**
   * Tells a plan's room (if in memory) whether the plan is frozen and who holds an open adjustment; the
   * lifecycle calls it after every transition and every adjustment opened or closed.
   */
  setEditPolicy(docName: string, policy: EditPolicy): void {
    this.rooms.setPolicy(docName, policy);
    this.announcePolicyChange?.(docName);
  }

  /** Tells the other server processes that a document's edit policy changed (set by the cluster). */
  private announcePolicyChange: ((docName: string) => void) | null = null;

  /** Makes every local policy change known to other processes, which then `reloadEditPolicy`. */
  announcePolicyChangesTo(announce: (docName: string) => void): void {
    this.announcePolicyChange = announce;
  }

  /** Another process changed a document's policy: if it is in memory here, read the policy afresh. */
  async reloadEditPolicy(docName: string): Promise<void> {
    if (!this.rooms.names().includes(docName)) return;
    this.rooms.setPolicy(docName, await this.loadEditPolicy(docName));
  }

  /**
   * Redis is back after an outage, during which other processes' edits and policy changes did not reach
   * this one: reads every document in memory and its edit policy afresh from the database.
   */
  async catchUpFromStore(): Promise<void> {
    await Promise.all(this.rooms.names().map((name) => this.reloadEditPolicy(name)));
    await this.rooms.catchUpFromStore();
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

  /**
   * An edit was dropped. Too large: the connection is closed (4413 `document_too_large`) so the editor
   * learns it at once and reloads. Frozen: audited (at most once a minute per connection). The user's
   * board is told why.
   */
  private refused(room: DocRoom, connection: SyncConnection, code: EditRefusalCode): void {
    const planId = planIdFromDocName(room.name);
    if (code === 'document_too_large') {
      connection.close(CloseCode.tooLarge, code);
      if (planId !== null)
        this.options.onEditRefused?.({ docName: room.name, planId, userId: connection.author, code });
      return;
    }
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
    this.options.onEditRefused?.({ docName: room.name, planId, userId: connection.author, code });
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
      decision = await withTimeout(
        resolveDocAccess(request, docName, this.options.access),
        this.limits.unauthenticatedTimeoutMs,
        { accept: false, code: CloseCode.tryAgainLater, reason: 'access check timed out' },
      );
    } catch (error) {
      this.options.logger.error('failed to open a document connection', {
        doc: docName,
        ...errorFields(error),
      });
      decision = { accept: false, code: CloseCode.internalError, reason: 'internal error' };
    }
    if (this.closing)
      decision = { accept: false, code: CloseCode.serviceRestart, reason: 'server shutting down' };
    if (socket.destroyed) return;
    let share: UserShare | null = UNLIMITED_SHARE;
    if (decision.accept && this.quota) {
      share = this.quota.acquire(decision.auth.user.id);
      if (!share)
        decision = { accept: false, code: CloseCode.tooManyConnections, reason: 'too_many_connections' };
    }
    // Given back when the socket closes, even if the handshake never completes.
    if (share !== UNLIMITED_SHARE && share) socket.once('close', share.release);
    const decided = decision;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      // Refusals complete the handshake first: a close code is something a WebSocket client can read.
      if (decided.accept) {
        if (share) this.accept(ws, decided, share);
      } else ws.close(decided.code, decided.reason);
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

  private accept(ws: WebSocket, decision: Extract<DocDecision, { accept: true }>, share: UserShare): void {
    const { docName, mode, auth, target } = decision;
    const connection = new SyncConnection(ws, docName, mode, auth.user.id);
    const connectionRate = new TokenBucket(this.limits.yjsConnectionRate);
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
      // Both buckets are charged: a user's many connections share one rate besides each their own.
      if (!connectionRate.take() || !share.take()) {
        this.stats.rateLimitedConnections += 1;
        connection.close(CloseCode.rateLimited, 'rate_limited');
        return;
      }
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
      // Bytes a connection may send while its document is still loading: one frame's worth.
      if (queuedBytes > this.limits.yjsMaxPayloadBytes) {
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
      share.release();
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
      checkAwarenessFrame(frame, this.limits.maxAwarenessStateBytes);
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
    connection.close(error.closeCode, error.reason);
  }

  private checkAlive(): void {
    const now = performance.now();
    // A round soon after the last (a postponed one, then the interval's) would find pongs on their way.
    if (this.closing || this.keepaliveRecheck || now - this.lastKeepaliveAt < this.keepaliveIntervalMs / 2)
      return;
    // After a stall the timers run before the sockets are read: the pongs that came meanwhile are still
    // unread, and every peer would look dead. Decide once the loop has read them.
    if (this.loopStalls(now - STALL_RECHECK_MS, now) > 0) {
      this.keepaliveRecheck = setTimeout(() => {
        this.keepaliveRecheck = null;
        this.checkAlive();
      }, STALL_RECHECK_MS);
      this.keepaliveRecheck.unref();
      return;
    }
    this.lastKeepaliveAt = now;
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  /**
   * Graceful shutdown: stops accepting, commits what was received, then closes every connection with
   * `serviceRestart` (1012) so clients reconnect (elsewhere, behind a proxy) and finds their edits
   * stored, and finally flushes and frees every document.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.keepalive);
    if (this.keepaliveRecheck) clearTimeout(this.keepaliveRecheck);
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([
      this.rooms.flushAll(),
      new Promise((resolve) => (waited = setTimeout(resolve, SHUTDOWN_FLUSH_WAIT_MS))),
    ]);
    clearTimeout(waited);
    for (const connection of this.connections)
      connection.close(CloseCode.serviceRestart, 'server shutting down');
    await this.rooms.closeAll(CloseCode.serviceRestart, 'server shutting down');
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

/** The promise's value, or `fallback` when it takes longer than `timeoutMs`. */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}

/** Copies a frame into its own buffer, so reads past its end fail instead of reading a pooled neighbour. */
function copyFrame(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}
