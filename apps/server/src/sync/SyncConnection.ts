import WebSocket from 'ws';

/** Whether a connection's document updates are applied (`write`) or dropped (`read`). */
export type SyncMode = 'write' | 'read';

let nextConnectionId = 1;

/** One `/yjs` WebSocket: its mode, its author for the update log, and liveness for the keepalive. */
export class SyncConnection {
  readonly id = nextConnectionId++;
  /** Set by pongs, cleared by each keepalive round; a connection still cleared at the next round is dead. */
  alive = true;
  /** Awareness client ids this connection has announced, removed from the room when it leaves. */
  readonly awarenessClients = new Set<number>();

  constructor(
    readonly socket: WebSocket,
    readonly docName: string,
    private currentMode: SyncMode,
    /** Who the update log names as the author of this connection's edits: the signed-in user's id. */
    readonly author: string,
  ) {}

  /** Whether updates from this connection are applied; read at every frame, so a downgrade takes effect at once. */
  get mode(): SyncMode {
    return this.currentMode;
  }

  /**
   * Makes the connection read-only from now on (its user lost write access). Never the other way:
   * a promoted user reconnects, so edits they made while read-only are not applied after the fact.
   */
  downgrade(): void {
    this.currentMode = 'read';
  }

  /** True while frames can still be sent. */
  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a binary frame if the socket is open; a failed send closes the connection. */
  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    this.socket.send(frame, { binary: true }, (error) => {
      if (error) this.socket.terminate();
    });
  }

  /** Closes with a code and a short reason (at most 123 bytes on the wire). */
  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING) return;
    this.socket.close(code, reason);
  }
}
