import type { Logger } from '../createLogger';
import { errorFields } from '../createLogger';

/** A live connection (a `/yjs` socket or a `/board` socket) that holds access on behalf of a session. */
export type LiveConnection = {
  sessionId: string;
  userId: string;
  /**
   * Re-applies the access rules with fresh facts: ends the connection when its session ended,
   * downgrades or closes it when the user's access shrank.
   */
  recheck(): Promise<void>;
};

/** Whose connections a re-check concerns; announced to the other server processes as it is. */
export type RecheckScope =
  { kind: 'user'; userId: string } | { kind: 'session'; sessionId: string } | { kind: 'all' };

/** How often every live connection re-checks its session and access: picks up expiry and changes made by other processes. */
export const LIVE_RECHECK_INTERVAL_MS = 15_000;

/**
 * The live connections per user and session, so that membership changes and revocations take effect
 * on open connections within seconds, without a restart. Changes made in this process re-check the
 * affected connections at once; a periodic sweep catches expiry and changes made elsewhere.
 */
export class LiveConnections {
  private readonly connections = new Set<LiveConnection>();
  private readonly timer: NodeJS.Timeout;
  /** Tells the other server processes to re-check too (set by the cluster). */
  private announce: ((scope: RecheckScope) => void) | null = null;

  constructor(
    private readonly logger: Logger,
    intervalMs = LIVE_RECHECK_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => void this.recheck(() => true), intervalMs);
    this.timer.unref();
  }

  /** Registers a connection; call the returned function when it closes. */
  add(connection: LiveConnection): () => void {
    this.connections.add(connection);
    return () => this.connections.delete(connection);
  }

  /** Number of registered connections (for tests and metrics). */
  get size(): number {
    return this.connections.size;
  }

  /** Re-checks the connections of one user (after a membership change), here and on every other process. */
  recheckUser(userId: string): Promise<void> {
    return this.recheckAnnounced({ kind: 'user', userId });
  }

  /** Re-checks the connections of one session (after a sign-out or revocation), here and on every other process. */
  recheckSession(sessionId: string): Promise<void> {
    return this.recheckAnnounced({ kind: 'session', sessionId });
  }

  /** Re-checks every connection (after the organisation tree changed), here and on every other process. */
  recheckAll(): Promise<void> {
    return this.recheckAnnounced({ kind: 'all' });
  }

  /** Makes every re-check asked here known to the other server processes, which run `recheckFromPeer`. */
  announceTo(announce: (scope: RecheckScope) => void): void {
    this.announce = announce;
  }

  /** Runs a re-check another process asked for (its access change concerns connections held here too). */
  recheckFromPeer(scope: RecheckScope): Promise<void> {
    return this.recheck(matcher(scope));
  }

  private recheckAnnounced(scope: RecheckScope): Promise<void> {
    this.announce?.(scope);
    return this.recheck(matcher(scope));
  }

  private async recheck(matches: (connection: LiveConnection) => boolean): Promise<void> {
    const selected = [...this.connections].filter(matches);
    await Promise.all(
      selected.map((connection) =>
        connection.recheck().catch((error: unknown) =>
          this.logger.error('re-checking a live connection failed', {
            session: connection.sessionId,
            ...errorFields(error),
          }),
        ),
      ),
    );
  }

  /** Stops the periodic sweep. */
  close(): void {
    clearInterval(this.timer);
  }
}

/** The connections a scope names. */
function matcher(scope: RecheckScope): (connection: LiveConnection) => boolean {
  switch (scope.kind) {
    case 'user':
      return (connection) => connection.userId === scope.userId;
    case 'session':
      return (connection) => connection.sessionId === scope.sessionId;
    case 'all':
      return () => true;
  }
}
