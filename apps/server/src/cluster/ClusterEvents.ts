import { z } from 'zod';
import type { Redis } from 'ioredis';
import { errorFields, type Logger } from '../createLogger';

/** A control message between server processes, validated on arrival like any other input. */
export const ClusterEvent = z.discriminatedUnion('type', [
  z.object({
    /** Someone's access changed: every process re-checks the connections it holds in that scope. */
    type: z.literal('recheck'),
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('user'), userId: z.string().min(1) }),
      z.object({ kind: z.literal('session'), sessionId: z.string().min(1) }),
      z.object({ kind: z.literal('all') }),
    ]),
  }),
  z.object({
    /** A plan was frozen, unfrozen, or an adjustment opened or closed: reload its edit policy. */
    type: z.literal('policy'),
    docName: z.string().min(1),
  }),
]);
export type ClusterEvent = z.infer<typeof ClusterEvent>;

/** The envelope on the wire: the sender, so a process ignores its own messages. */
const Envelope = z.object({ from: z.string(), event: z.unknown() });

/**
 * The control channel `<prefix>:control`: access re-checks and edit-policy changes made on one process
 * take effect on the connections every process holds, at once rather than at the next sweep.
 */
export class ClusterEvents {
  private readonly channel: string;
  private readonly listeners = new Set<(event: ClusterEvent) => void>();

  constructor(
    private readonly options: {
      processId: string;
      prefix: string;
      publisher: Redis;
      subscriber: Redis;
      logger: Logger;
    },
  ) {
    this.channel = `${options.prefix}:control`;
    options.subscriber.on('messageBuffer', this.onMessage);
  }

  /** Subscribes to the control channel (again, after Redis came back). */
  async subscribe(): Promise<void> {
    await this.options.subscriber.subscribe(this.channel);
  }

  /** Tells every other process; lost while Redis is away (the periodic sweep catches up). */
  publish(event: ClusterEvent): void {
    const message = JSON.stringify({ from: this.options.processId, event });
    this.options.publisher.publish(this.channel, message).catch((error: unknown) =>
      this.options.logger.warn('failed to announce a change to the other processes', {
        type: event.type,
        ...errorFields(error),
      }),
    );
  }

  /** Hears every other process's events. */
  on(listener: (event: ClusterEvent) => void): void {
    this.listeners.add(listener);
  }

  close(): void {
    this.options.subscriber.off('messageBuffer', this.onMessage);
    this.listeners.clear();
  }

  private readonly onMessage = (channel: Buffer, message: Buffer): void => {
    if (channel.toString() !== this.channel) return;
    let parsed: { from: string; event: ClusterEvent };
    try {
      const envelope = Envelope.parse(JSON.parse(message.toString()));
      parsed = { from: envelope.from, event: ClusterEvent.parse(envelope.event) };
    } catch (error) {
      this.options.logger.warn('dropped an invalid control message', errorFields(error));
      return;
    }
    if (parsed.from === this.options.processId) return;
    for (const listener of this.listeners) listener(parsed.event);
  };
}
