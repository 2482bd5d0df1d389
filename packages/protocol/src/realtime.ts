import type { PlanStatus } from '@yipan/domain';

/** Bumped on any incompatible change to the wire contract; the server announces it on connect. */
export const PROTOCOL_VERSION = 1;

/** WebSocket close codes used on `/yjs`. */
export const CloseCode = {
  /** No valid session or token. */
  unauthenticated: 4401,
  /** Signed in, but no access to this document. */
  forbidden: 4403,
  /** The document does not exist. */
  notFound: 4404,
  /** A frame or message larger than the server accepts. */
  tooLarge: 4413,
  /** The server is shutting down; reconnect (possibly elsewhere). */
  goingAway: 1001,
  /** Something went wrong on the server while opening the document. */
  internalError: 1011,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Path prefix of the document sync endpoint: `/yjs/<docName>`. */
export const YJS_PATH_PREFIX = '/yjs/';
/** socket.io namespace of the server-authoritative board events. */
export const BOARD_NAMESPACE = '/board';

/** Events the server sends on the `/board` namespace. */
export interface ServerToClientEvents {
  hello: (payload: { protocolVersion: number }) => void;
  'plan:status': (payload: { planId: string; status: PlanStatus }) => void;
}

/** Events clients send on the `/board` namespace; every payload is validated by the server. */
export interface ClientToServerEvents {
  'plan:watch': (payload: { planId: string }, ack: (result: { ok: true } | { ok: false; code: string }) => void) => void;
  'plan:unwatch': (payload: { planId: string }) => void;
}
