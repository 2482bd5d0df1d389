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

  /** Re-checks the connections of one user (after a membership change). */
  recheckUser(userId: string): Promise<void> {
    return this.recheck((connection) => connection.userId === userId);
  }

  /** Re-checks the connections of one session (after a sign-out or revocation). */
  recheckSession(sessionId: string): Promise<void> {
    return this.recheck((connection) => connection.sessionId === sessionId);
  }

  /** Re-checks every connection (after the organisation tree changed). */
  recheckAll(): Promise<void> {
    return this.recheck(() => true);
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
