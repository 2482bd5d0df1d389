import { z } from 'zod';
import type { PlanStatus } from '@yipan/domain';
import type { Notification } from './notifications';
import type { MeetingClientEvents, MeetingServerEvents } from './meetings';
import { IdParam } from './rest';
import { lazySchema } from '@yipan/domain';

/** Bumped on any incompatible change to the wire contract; the server announces it on connect. */
export const PROTOCOL_VERSION = 1;

/**
 * WebSocket close codes used on `/yjs`. The close reason of 4401 is an ErrorCode
 * (`unauthenticated`, `session_expired`, `session_revoked`); of 4403 `forbidden` or `origin_mismatch`.
 */
export const CloseCode = {
  /** No valid session or token, or the session ended while connected. */
  unauthenticated: 4401,
  /** Signed in, but no access to this document (or no longer: membership changed), or a foreign Origin. */
  forbidden: 4403,
  /** The document does not exist. */
  notFound: 4404,
  /**
   * Too large: a frame while the document loads, an awareness state (reason `awareness_too_large`), or an
   * edit that would grow the document past its limit (reason `document_too_large`). Reconnecting resends it.
   */
  tooLarge: 4413,
  /** The connection or its user sent messages faster than the limits allow (reason `rate_limited`). */
  rateLimited: 4429,
  /** The user already has the most `/yjs` connections one user may hold (reason `too_many_connections`). */
  tooManyConnections: 4430,
  /**
   * An update or presence state written under a Yjs client id that another user holds in this document
   * (reason `client_id_taken`): refused whole, so nobody can write as someone else's replica.
   */
  clientIdTaken: 4409,
  /** The access check did not finish in time (the server is overloaded); try again later. */
  tryAgainLater: 1013,
  /** The server is shutting down; reconnect (possibly elsewhere). */
  goingAway: 1001,
  /**
   * Service restart: the server is stopping gracefully (SIGTERM) after storing every edit it received;
   * reconnect, to another process behind the proxy or to this one once it is back.
   */
  serviceRestart: 1012,
  /** Something went wrong on the server while opening the document. */
  internalError: 1011,
  /** The client sent a text frame or a message type the server does not take. */
  unsupportedData: 1003,
  /** The client sent a frame that does not decode (bad varints, an invalid Yjs or awareness update). */
  invalidPayload: 1007,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Path prefix of the document sync endpoint: `/yjs/<docName>`. */
export const YJS_PATH_PREFIX = '/yjs/';
/** socket.io namespace of the server-authoritative board events. */
export const BOARD_NAMESPACE = '/board';

/** Payload of `plan:watch` / `plan:unwatch`; the server validates it with this schema. */
export const PlanRef = lazySchema(() => z.object({ planId: IdParam }));
export type PlanRef = z.infer<typeof PlanRef>;

/**
 * socket.io `/board` handshakes are authenticated by the session cookie (same origin only) or by
 * `auth: { token }` from `POST /api/sync-token`. A refused handshake fails with `connect_error` whose
 * `message` is an ErrorCode (`unauthenticated`, `session_expired`, `session_revoked`, `origin_mismatch`).
 */

/** Error codes a `/board` acknowledgement may carry. */
export const BoardErrorCode = {
  invalidPayload: 'invalid_payload',
  notFound: 'plan_not_found',
  forbidden: 'forbidden',
  unauthenticated: 'unauthenticated',
  internalError: 'internal_error',
  /** The socket sent events faster than the limit; the event was dropped. */
  rateLimited: 'rate_limited',
  /** The event has no handler on the server (a client of another version, or a hostile one). */
  unknownEvent: 'unknown_event',
} as const;
export type BoardErrorCode = (typeof BoardErrorCode)[keyof typeof BoardErrorCode];

/** Why an edit to a plan was dropped (`plan:refused`). */
export type EditRefusalCode = 'adjustment_required' | 'document_too_large';

/** Why the server ended a signed-in connection: matches the REST error codes. */
export type SessionEndReason = 'session_revoked' | 'session_expired';

/** Events the server sends on the `/board` namespace (meeting events: `MeetingServerEvents`). */
export interface ServerToClientEvents extends MeetingServerEvents {
  hello: (payload: { protocolVersion: number }) => void;
  'plan:status': (payload: { planId: string; status: PlanStatus }) => void;
  /**
   * An edit was dropped: to a frozen plan's fields outside an open adjustment (`adjustment_required`), or one
   * that would grow the document past its size limit (`document_too_large`).
   * Sent to the editing user's sockets only; the board reloads the document and says why.
   */
  'plan:refused': (payload: { planId: string; code: EditRefusalCode }) => void;
  /** A plan's adjustments, versions or lifecycle log changed: re-read them. */
  'plan:lifecycle': (payload: { planId: string }) => void;
  /**
   * The plan's alignment changed (its topics, or a child's answer, link or progress): re-read the matrix.
   * Sent to the plan's watchers at most every projection (≈ 200 ms after the change).
   */
  'plan:alignment': (payload: { planId: string }) => void;
  /** A parent plan of this plan changed (a topic, an expectation): re-read `/upstream`. */
  'plan:upstream': (payload: { planId: string }) => void;
  /** A new notification for the signed-in user, with the new unread count. */
  'notification:new': (payload: { notification: Notification; unread: number }) => void;
  /** The plan's proposals (征集) changed: re-read the intake. */
  'plan:proposals': (payload: { planId: string }) => void;
  /** The session ended (signed out elsewhere, revoked, expired); the socket is disconnected right after. */
  'session:ended': (payload: { reason: SessionEndReason }) => void;
  /**
   * The user's memberships changed: re-read `/api/me` and plan permissions. Rooms of plans no longer
   * readable have been left already.
   */
  'access:changed': (payload: Record<string, never>) => void;
}

/** Events clients send on the `/board` namespace; every payload is validated by the server. */
export interface ClientToServerEvents extends MeetingClientEvents {
  'plan:watch': (
    payload: PlanRef,
    ack: (result: { ok: true } | { ok: false; code: BoardErrorCode }) => void,
  ) => void;
  'plan:unwatch': (payload: PlanRef) => void;
}
