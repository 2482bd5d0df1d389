/**
 * Every hard limit of the server in one table: each value with why it is what it is. A limit protects
 * the process and the other users from one client (a bug or an attacker); none is close to what an
 * honest user does. Tests may lower them through `ServerConfig.limits`.
 */

const KIB = 1024;
const MIB = 1024 * KIB;

/** A token bucket's shape: `burst` messages at once, then `perSecond` on average. */
export type RateLimit = { burst: number; perSecond: number };

/** The limits a server runs with (see DEFAULT_LIMITS for the values and their reasons). */
export type Limits = {
  /** `/yjs`: largest WebSocket frame; ws closes the connection with 1009 beyond it. */
  yjsMaxPayloadBytes: number;
  /** `/yjs`: largest state a document may grow to; an update that would pass it is refused. */
  maxDocBytes: number;
  /** `/yjs`: largest awareness state of one client (its JSON); larger closes the connection with 4413. */
  maxAwarenessStateBytes: number;
  /** `/yjs`: messages per connection. */
  yjsConnectionRate: RateLimit;
  /** `/yjs`: messages per user, over all their connections. */
  yjsUserRate: RateLimit;
  /** `/yjs`: open connections per user. */
  yjsConnectionsPerUser: number;
  /** `/yjs`: time an upgrade may spend being authorised before it is refused (1013). */
  unauthenticatedTimeoutMs: number;
  /** `/board`: largest socket.io message (engine.io `maxHttpBufferSize`). */
  boardMaxMessageBytes: number;
  /** `/board`: events per socket. */
  boardSocketRate: RateLimit;
  /** `/board`: refused events in a row after which the socket is disconnected. */
  boardRefusalsBeforeDisconnect: number;
  /** `/board`: open sockets per user. */
  boardSocketsPerUser: number;
  /** `/board`: time a socket.io client has to join the namespace (authenticate) after connecting. */
  boardConnectTimeoutMs: number;
  /**
   * Whether the per-user limits (user rates, connections and sockets per user) apply. Only the benchmark
   * turns them off (USER_LIMITS=0): it opens hundreds of connections as one user. Never in production.
   */
  perUser: boolean;
};

/** The production values. */
export const DEFAULT_LIMITS: Limits = {
  /**
   * 8 MB: half the document limit. Honest frames are keystrokes (bytes) or a reconnecting client's
   * offline edits (kilobytes); a whole plan with a year of history is about 1 MB.
   */
  yjsMaxPayloadBytes: 8 * MIB,
  /**
   * 16 MB: a plan of 400 topics with a year of edits is 1–2 MB; the limit leaves ten times that and keeps
   * one document from taking the server's memory (every open document lives in memory, with its history).
   */
  maxDocBytes: 16 * MIB,
  /** 8 KB: a user's name, colour and cursor are about 200 bytes; awareness is relayed to every peer. */
  maxAwarenessStateBytes: 8 * KIB,
  /**
   * 400 at once, 200 a second: typing sends an update and an awareness change per keystroke (≈ 20/s for a
   * fast typist); the benchmark's sustained-writes client sends 120/s and must not be cut off.
   */
  yjsConnectionRate: { burst: 400, perSecond: 200 },
  /** 1,000 at once, 500 a second for all of a user's tabs together: several busy tabs, not a flood. */
  yjsUserRate: { burst: 1_000, perSecond: 500 },
  /** 50: one per open plan or minutes tab; nobody works in fifty tabs, a script leaking sockets does. */
  yjsConnectionsPerUser: 50,
  /** 10 s: the access check takes milliseconds; a socket held longer is waiting on an overloaded server. */
  unauthenticatedTimeoutMs: 10_000,
  /** 1 MB: board events are small commands (ids, a vote); anything larger is abuse. */
  boardMaxMessageBytes: 1 * MIB,
  /** 20 a second: a meeting facilitator clicking fast sends a few; the board watches a handful of plans. */
  boardSocketRate: { burst: 20, perSecond: 20 },
  /** 100 refused in a row: five seconds of flooding at the limit's pace; an honest client stops at the first. */
  boardRefusalsBeforeDisconnect: 100,
  /** 20: one board socket per tab. */
  boardSocketsPerUser: 20,
  /** 10 s, as on `/yjs`. */
  boardConnectTimeoutMs: 10_000,
  perUser: true,
};

/** The defaults with a test's or the environment's changes. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
