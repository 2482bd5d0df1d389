import type { Server as HttpServer } from 'node:http';
import { Server as SocketIoServer, type ServerOptions, type Socket } from 'socket.io';
import { can } from '@yipan/domain';
import {
  BOARD_NAMESPACE,
  BoardAuth,
  BoardErrorCode,
  ErrorCode,
  PlanRef,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SessionEndReason,
} from '@yipan/protocol';
import type { LiveConnections } from '../auth/LiveConnections';
import { loadOrgTree } from '../auth/orgTree';
import { errorFields, type Logger } from '../createLogger';
import { authenticateConnection, type AccessContext } from '../resolveDocAccess';
import { DEFAULT_LIMITS, type Limits } from '../limits/limits';
import { ConnectionQuota } from '../limits/ConnectionQuota';
import { limitBoardEvents } from '../limits/limitBoardEvents';

/**
 * What the server keeps on each board socket: who it is for, their memberships when last checked, and
 * per joined meeting whether this socket follows the presenter (presence is computed from these).
 */
export type BoardSocketData = {
  sessionId: string;
  userId: string;
  membershipKey: string;
  following: Record<string, boolean>;
};
/** Events between the server processes of one installation (socket.io's `serverSideEmit`, over Redis). */
export type BoardServerSideEvents = {
  /** A facilitator summoned a meeting: each process makes its own sockets in the room follow again. */
  'meeting:summoned': (payload: { meetingId: string }) => void;
};
/** The socket.io server typed with the wire contract and what it keeps per socket. */
export type BoardServer = SocketIoServer<
  ClientToServerEvents,
  ServerToClientEvents,
  BoardServerSideEvents,
  BoardSocketData
>;
/** A `/board` socket as the server sees it. */
export type BoardSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  BoardServerSideEvents,
  BoardSocketData
>;
type WatchResult = { ok: true } | { ok: false; code: BoardErrorCode };
type WatchReply = (result: WatchResult) => void;
type BoardOptions = {
  logger: Logger;
  access: AccessContext;
  live: LiveConnections;
  /** Registers further event handlers on each new socket (meeting mode). */
  onConnection?: (socket: BoardSocket) => void;
  /** Hears the name of every event a client sends (for `/metrics`), before it is validated. */
  onClientEvent?: (event: string) => void;
  /** Hard limits (DEFAULT_LIMITS when unset). */
  limits?: Limits;
  /** The Redis adapter when several processes serve together, so room broadcasts reach every process's sockets. */
  adapter?: ServerOptions['adapter'];
};

/** Bilingual messages of refused handshakes, sent as `connect_error` data beside the code in `message`. */
const HANDSHAKE_MESSAGES: Record<string, string> = {
  [ErrorCode.unauthenticated]: '请先登录 / Please sign in',
  [ErrorCode.sessionExpired]: '登录已过期，请重新登录 / Your session has expired; please sign in again',
  [ErrorCode.sessionRevoked]: '登录已失效，请重新登录 / Your session was ended; please sign in again',
  [ErrorCode.originMismatch]: '请求来源不被允许 / Request origin not allowed',
  [ErrorCode.tooManyConnections]:
    '打开的窗口过多，请关闭部分标签页后重试 / Too many open connections; close some tabs and try again',
};

/** A refused handshake: the client's `connect_error` has the code as its message and both in `data`. */
function handshakeRefusal(code: string): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(code), { data: { code, message: HANDSHAKE_MESSAGES[code] ?? code } });
}

/** socket.io room of the clients watching one plan. */
export function planRoom(planId: string): string {
  return `plan:${planId}`;
}

/** socket.io room of one user's board sockets, for what concerns only them (an edit of theirs refused). */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** socket.io room of the connected members of one meeting. */
export function meetingRoom(meetingId: string): string {
  return `meeting:${meetingId}`;
}

/** The plan id of a room name, or null for socket.io's own per-socket rooms. */
function planIdOfRoom(room: string): string | null {
  return room.startsWith('plan:') ? room.slice('plan:'.length) : null;
}

/** The meeting id of a room name, or null for any other room. */
export function meetingIdOfRoom(room: string): string | null {
  return room.startsWith('meeting:') ? room.slice('meeting:'.length) : null;
}

/**
 * Attaches socket.io to the HTTP server and serves the `/board` namespace. `destroyUpgrade: false`
 * keeps engine.io from killing `/yjs` upgrades that are still being authorised after its 1 s timeout.
 * Every handshake is authenticated (cookie with a matching Origin, or `auth.token`); every event and
 * room join asks the policy.
 */
export function attachBoard(httpServer: HttpServer, options: BoardOptions): BoardServer {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const io: BoardServer = new SocketIoServer<
    ClientToServerEvents,
    ServerToClientEvents,
    BoardServerSideEvents,
    BoardSocketData
  >(httpServer, {
    destroyUpgrade: false,
    serveClient: false,
    ...(options.adapter && { adapter: options.adapter }),
    // Larger messages close the transport (engine.io); the process and other sockets are untouched.
    maxHttpBufferSize: limits.boardMaxMessageBytes,
    connectTimeout: limits.boardConnectTimeoutMs,
  });
  const board = io.of(BOARD_NAMESPACE);
  const quota = limits.perUser ? new ConnectionQuota(limits.boardSocketsPerUser, null) : null;
  board.use((socket: BoardSocket, next) => {
    const parsed = BoardAuth.safeParse(socket.handshake.auth);
    const token = parsed.success ? parsed.data.token : undefined;
    authenticateConnection(socket.request, token, options.access).then(
      (result) => {
        if (!result.ok) {
          next(handshakeRefusal(result.code));
          return;
        }
        const share = quota?.acquire(result.user.id);
        if (share === null) {
          next(handshakeRefusal(ErrorCode.tooManyConnections));
          return;
        }
        if (share) {
          // A socket that never finishes connecting emits no 'disconnect'; its transport still closes.
          socket.conn.once('close', share.release);
          socket.once('disconnect', share.release);
        }
        socket.data = {
          sessionId: result.session.id,
          userId: result.user.id,
          membershipKey: membershipKey(result.memberships),
          following: {},
        };
        next();
      },
      (error: unknown) => {
        options.logger.error('board handshake failed', errorFields(error));
        next(new Error(ErrorCode.internalError));
      },
    );
  });
  board.on('connection', (socket: BoardSocket) => {
    const { sessionId, userId } = socket.data;
    const unregister = options.live.add({ sessionId, userId, recheck: () => recheck(socket, options) });
    socket.on('disconnect', unregister);
    const { onClientEvent } = options;
    if (onClientEvent) socket.onAny((event: string) => onClientEvent(event));
    limitBoardEvents(socket, limits, options.logger);
    answerEveryAck(socket);
    socket.emit('hello', { protocolVersion: PROTOCOL_VERSION });
    void socket.join(userRoom(userId));
    // Both arguments come from the client: the payload may be anything and the ack missing.
    socket.on('plan:watch', (payload: unknown, ack: unknown) => {
      const reply: WatchReply = typeof ack === 'function' ? (ack as WatchReply) : () => {};
      void watchPlan(socket, payload, options).then(reply);
    });
    socket.on('plan:unwatch', (payload: unknown) => {
      const parsed = PlanRef.safeParse(payload);
      if (parsed.success) void socket.leave(planRoom(parsed.data.planId));
    });
    options.onConnection?.(socket);
  });
  return io;
}

/** What an event no handler listens to is acknowledged with, when it asked for an acknowledgement. */
const UNKNOWN_EVENT_ACK = {
  ok: false,
  code: BoardErrorCode.unknownEvent,
  message: '不支持的操作 / Unsupported event',
} as const;

/**
 * Makes sure a client asking for an acknowledgement gets one (found by the fuzzer): an event sent with an
 * acknowledgement but no payload, or with extra arguments, reaches its handler as (payload, ack) (socket.io
 * passes the arguments as they came, so the handler found no acknowledgement where it looked and never
 * answered), and an event nobody handles is acknowledged `unknown_event` instead of leaving the client waiting.
 */
function answerEveryAck(socket: BoardSocket): void {
  socket.use((packet, next) => {
    const [event] = packet;
    const last: unknown = packet[packet.length - 1];
    if (typeof last !== 'function') return next();
    // Handlers take (payload, ack): put the acknowledgement second whatever the client sent before it.
    if (packet.length === 2) packet.splice(1, 0, undefined);
    else if (packet.length > 3) packet.splice(2, packet.length - 3);
    if (socket.listeners(event as keyof ClientToServerEvents).length === 0) {
      (last as (result: typeof UNKNOWN_EVENT_ACK) => void)(UNKNOWN_EVENT_ACK);
      return;
    }
    next();
  });
}

/** A comparable fingerprint of a user's memberships. */
function membershipKey(memberships: readonly { orgId: string; role: string }[]): string {
  return JSON.stringify(memberships.map(({ orgId, role }) => [orgId, role]).sort());
}

/** Ends a socket whose session ended, telling the client why first. */
function endSocket(socket: BoardSocket, reason: SessionEndReason): void {
  socket.emit('session:ended', { reason });
  socket.disconnect(true);
}

/**
 * Re-applies the policy to an open board socket: disconnects it when its session ended, leaves the
 * rooms of plans its user may no longer read, and tells the client its access changed.
 */
async function recheck(socket: BoardSocket, options: BoardOptions): Promise<void> {
  if (!socket.connected) return;
  const { auth, db } = options.access;
  const result = await auth.authenticateSessionId(socket.data.sessionId);
  if (!result.ok) {
    endSocket(socket, result.code === ErrorCode.sessionExpired ? 'session_expired' : 'session_revoked');
    return;
  }
  const tree = await loadOrgTree(db);
  let changed = false;
  for (const room of socket.rooms) {
    // Meeting rooms follow meeting membership, not organisation membership: removed members leave at once.
    const meetingId = meetingIdOfRoom(room);
    if (meetingId !== null) {
      if ((await db.meetings.memberRole(meetingId, socket.data.userId)) === null) {
        await socket.leave(room);
        changed = true;
      }
      continue;
    }
    const planId = planIdOfRoom(room);
    if (planId === null) continue;
    const plan = await db.plans.get(planId);
    const readable =
      plan !== null &&
      can(result.actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents);
    if (!readable) {
      await socket.leave(room);
      changed = true;
    }
  }
  const key = membershipKey(result.memberships);
  if (key !== socket.data.membershipKey) {
    socket.data.membershipKey = key;
    changed = true;
  }
  if (changed) socket.emit('access:changed', {});
}

/** Joins the plan's room after validating the payload, checking the plan exists and that the caller may read it now. */
async function watchPlan(socket: BoardSocket, payload: unknown, options: BoardOptions): Promise<WatchResult> {
  const parsed = PlanRef.safeParse(payload);
  if (!parsed.success) return { ok: false, code: BoardErrorCode.invalidPayload };
  const { planId } = parsed.data;
  const { auth, db } = options.access;
  try {
    const result = await auth.authenticateSessionId(socket.data.sessionId);
    if (!result.ok) return { ok: false, code: BoardErrorCode.unauthenticated };
    const plan = await db.plans.get(planId);
    if (!plan) return { ok: false, code: BoardErrorCode.notFound };
    const tree = await loadOrgTree(db);
    if (!can(result.actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents))
      return { ok: false, code: BoardErrorCode.forbidden };
    await socket.join(planRoom(planId));
    return { ok: true };
  } catch (error) {
    options.logger.error('plan:watch failed', { planId, ...errorFields(error) });
    return { ok: false, code: BoardErrorCode.internalError };
  }
}
