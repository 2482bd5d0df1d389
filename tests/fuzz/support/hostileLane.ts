import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { step1Frame } from './yjsInputs';

/** How long the server has to answer a ping or close the connection before the fuzzer calls it a hang. */
const ANSWER_TIMEOUT_MS = 30_000;

/** What became of one hostile frame: the server went on (answered the ping after it) or closed the socket. */
export type LaneOutcome =
  { kind: 'answered' } | { kind: 'closed'; code: number; reason: string } | { kind: 'hang' };

/**
 * One raw `/yjs` connection of the hostile editor. After each frame it sends a sync step 1 with its
 * mirror's state vector: the server handles frames in order, so the step 2 it answers says the frame
 * was handled and the connection survived, and brings the mirror up to date (mutations then start from
 * the document as it is). A closed connection is reopened for the next frame.
 */
export class HostileLane {
  private socket: WebSocket | null = null;
  private waiter: ((outcome: LaneOutcome) => void) | null = null;
  /** Errors met applying what the server sent: the server must only ever send valid updates. */
  readonly serverSentInvalid: string[] = [];

  constructor(
    private readonly url: string,
    /** The hostile editor's copy of the document, updated from every answer and broadcast. */
    private readonly mirror: Y.Doc,
  ) {}

  /** Sends one frame and waits for the server's reaction. */
  async send(data: Uint8Array): Promise<LaneOutcome> {
    const socket = await this.open();
    const outcome = new Promise<LaneOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve({ kind: 'hang' });
      }, ANSWER_TIMEOUT_MS);
      this.waiter = (result) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(result);
      };
    });
    socket.send(data);
    socket.send(step1Frame(Y.encodeStateVector(this.mirror)));
    return outcome;
  }

  close(): void {
    this.socket?.terminate();
    this.socket = null;
  }

  private async open(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) return this.socket;
    for (let attempt = 0; ; attempt++) {
      const socket = new WebSocket(this.url);
      socket.binaryType = 'nodebuffer';
      const opened = await new Promise<boolean>((resolve) => {
        socket.once('open', () => resolve(true));
        socket.once('error', () => resolve(false));
        socket.once('close', () => resolve(false));
      });
      if (opened) {
        this.attach(socket);
        return socket;
      }
      socket.terminate();
      // Refused (a per-user limit, a server restarting): wait a little and try again.
      if (attempt > 50) throw new Error(`could not open a hostile connection to ${this.url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private attach(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
    socket.on('error', () => {});
    socket.once('close', (code: number, reason: Buffer) => {
      if (this.socket === socket) this.socket = null;
      this.waiter?.({ kind: 'closed', code, reason: reason.toString('utf8') });
    });
  }

  private onMessage(message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type !== 0) return;
      const subType = decoding.readVarUint(decoder);
      if (subType === 0) return;
      const update = decoding.readVarUint8Array(decoder);
      try {
        Y.applyUpdate(this.mirror, update, 'server');
      } catch (error) {
        this.serverSentInvalid.push(`${error instanceof Error ? error.message : String(error)}`);
      }
      if (subType === 1) this.waiter?.({ kind: 'answered' });
    } catch (error) {
      this.serverSentInvalid.push(
        `undecodable frame: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
