import type { Server as HttpServer } from 'node:http';
import { Server as SocketIoServer, type Socket } from 'socket.io';
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
/** The socket.io server typed with the wire contract and what it keeps per socket. */
export type BoardServer = SocketIoServer<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  BoardSocketData
>;
/** A `/board` socket as the server sees it. */
export type BoardSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
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
};

/** Bilingual messages of refused handshakes, sent as `connect_error` data beside the code in `message`. */
const HANDSHAKE_MESSAGES: Record<string, string> = {
  [ErrorCode.unauthenticated]: '请先登录 / Please sign in',
  [ErrorCode.sessionExpired]: '登录已过期，请重新登录 / Your session has expired; please sign in again',
  [ErrorCode.sessionRevoked]: '登录已失效，请重新登录 / Your session was ended; please sign in again',
  [ErrorCode.originMismatch]: '请求来源不被允许 / Request origin not allowed',
};

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
  const io: BoardServer = new SocketIoServer<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    BoardSocketData
  >(httpServer, {
    destroyUpgrade: false,
    serveClient: false,
  });
  const board = io.of(BOARD_NAMESPACE);
  board.use((socket: BoardSocket, next) => {
    const parsed = BoardAuth.safeParse(socket.handshake.auth);
    const token = parsed.success ? parsed.data.token : undefined;
    authenticateConnection(socket.request, token, options.access).then(
      (result) => {
        if (!result.ok) {
          const error = new Error(result.code) as Error & { data?: unknown };
          error.data = { code: result.code, message: HANDSHAKE_MESSAGES[result.code] ?? result.code };
          next(error);
          return;
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
