import type { Server as HttpServer } from 'node:http';
import { Server as SocketIoServer, type Socket } from 'socket.io';
import {
  BOARD_NAMESPACE,
  BoardErrorCode,
  PlanRef,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@yipan/protocol';
import type { Database } from '@yipan/db';
import { errorFields, type Logger } from '../createLogger';
import { resolvePlanAccess, type AccessOptions } from '../resolveDocAccess';

/** The socket.io server typed with the wire contract. */
export type BoardServer = SocketIoServer<ClientToServerEvents, ServerToClientEvents>;

type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type WatchResult = { ok: true } | { ok: false; code: BoardErrorCode };
type WatchReply = (result: WatchResult) => void;
type BoardOptions = { db: Database; logger: Logger; access?: AccessOptions };

/** socket.io room of the clients watching one plan. */
export function planRoom(planId: string): string {
  return `plan:${planId}`;
}

/**
 * Attaches socket.io to the HTTP server and serves the `/board` namespace. `destroyUpgrade: false`
 * keeps engine.io from killing `/yjs` upgrades that are still being authorised after its 1 s timeout.
 */
export function attachBoard(httpServer: HttpServer, options: BoardOptions): BoardServer {
  const io: BoardServer = new SocketIoServer<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    destroyUpgrade: false,
    serveClient: false,
  });
  const board = io.of(BOARD_NAMESPACE);
  board.on('connection', (socket) => {
    socket.emit('hello', { protocolVersion: PROTOCOL_VERSION });
    // Both arguments come from the client: the payload may be anything and the ack missing.
    socket.on('plan:watch', (payload: unknown, ack: unknown) => {
      const reply: WatchReply = typeof ack === 'function' ? (ack as WatchReply) : () => {};
      void watchPlan(socket, payload, options).then(reply);
    });
    socket.on('plan:unwatch', (payload: unknown) => {
      const parsed = PlanRef.safeParse(payload);
      if (parsed.success) void socket.leave(planRoom(parsed.data.planId));
    });
  });
  return io;
}

/** Joins the plan's room after validating the payload, checking the plan exists and that the caller may read it. */
async function watchPlan(socket: BoardSocket, payload: unknown, options: BoardOptions): Promise<WatchResult> {
  const parsed = PlanRef.safeParse(payload);
  if (!parsed.success) return { ok: false, code: BoardErrorCode.invalidPayload };
  const { planId } = parsed.data;
  try {
    if (!(await options.db.plans.get(planId))) return { ok: false, code: BoardErrorCode.notFound };
    const access = await resolvePlanAccess(socket.request, planId, options.access);
    if (access === 'unauthenticated') return { ok: false, code: BoardErrorCode.unauthenticated };
    if (access === 'none') return { ok: false, code: BoardErrorCode.forbidden };
    await socket.join(planRoom(planId));
    return { ok: true };
  } catch (error) {
    options.logger.error('plan:watch failed', { planId, ...errorFields(error) });
    return { ok: false, code: BoardErrorCode.internalError };
  }
}
