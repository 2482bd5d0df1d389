import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Redis } from 'ioredis';
import { errorFields, type Logger } from '../createLogger';
import type { DocRelay, RelayedDoc } from '../sync/DocRelay';

/** How often each process publishes a digest of every document it holds, so missed messages are repaired. */
export const DIGEST_INTERVAL_MS = 5_000;
/** Spread of the first digest round, so processes started together do not publish in lockstep. */
const DIGEST_JITTER_MS = 1_000;
/** Milliseconds per second: the lag is observed in seconds. */
const MS_PER_SECOND = 1_000;
/**
 * How long a process waits, after a peer's digest showed changes it lacks, before asking for them: what
 * is in flight arrives within this (a peer publishes its updates once stored, at most 250 ms after they
 * arrived, and the relay's lag is well under a second unless something was lost).
 */
export const DIGEST_GRACE_MS = 1_500;

/** What a relay message carries. */
const MessageKind = { update: 0, awareness: 1, digest: 2, claims: 3 } as const;
/**
 * Flags of a digest: an answer to another digest (not answered again), sent by a process that just joined,
 * or asking for what the sender still lacks after DIGEST_GRACE_MS. Digests without a flag are the periodic ones.
 */
const DigestFlag = { reply: 1, hello: 2, request: 4 } as const;

/** Counters of the relay, read by `/metrics`. */
export type RelayStats = {
  published: number;
  received: number;
  /** Publications refused because Redis was away (the digests repair them afterwards). */
  publishFailures: number;
  /** Differing digests answered with the missing part of a document. */
  repairs: number;
};

type Options = {
  processId: string;
  prefix: string;
  publisher: Redis;
  subscriber: Redis;
  logger: Logger;
  /** Hears the time from a peer's publication to its arrival here, in seconds. */
  onLag?: (seconds: number) => void;
};

/** A decoded relay message. */
type Message =
  | {
      kind: typeof MessageKind.update | typeof MessageKind.awareness | typeof MessageKind.claims;
      from: string;
      sentAt: number;
      payload: Uint8Array;
    }
  | {
      kind: typeof MessageKind.digest;
      from: string;
      sentAt: number;
      hash: Uint8Array;
      stateVector: Uint8Array;
      flags: number;
    };

/**
 * Relays Yjs updates, awareness and client-id claims between the server processes holding the same
 * document, over Redis pub/sub, one channel per document (`<prefix>:doc:<name>`), subscribed while the
 * document is loaded here.
 * Pub/sub delivers at most once, so every process also publishes a digest of each document (a hash of
 * its snapshot, and its state vector) when it loads it, every DIGEST_INTERVAL_MS, and when Redis comes
 * back. A process whose own digest differs from a greeting's (or a reply's) answers with what the other
 * lacks and, once, its own digest, so both sides repair whatever was lost. A periodic digest is first
 * compared by state vector: a process asks for what it lacks only if it still lacks it DIGEST_GRACE_MS
 * later, since under continuous editing the difference is almost always what is in flight.
 */
export class RedisDocRelay implements DocRelay {
  readonly stats: RelayStats = { published: 0, received: 0, publishFailures: 0, repairs: 0 };
  private readonly docs = new Map<string, RelayedDoc>();
  /** Re-checks of a peer's periodic digest after DIGEST_GRACE_MS, by channel and peer: at most one each. */
  private readonly graceChecks = new Map<string, NodeJS.Timeout>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: Options) {
    options.subscriber.on('messageBuffer', this.onMessage);
    const first = setTimeout(() => {
      this.publishDigests(0);
      this.timer.refresh();
    }, Math.random() * DIGEST_JITTER_MS);
    first.unref();
    this.timer = setInterval(() => this.publishDigests(0), DIGEST_INTERVAL_MS);
    this.timer.unref();
  }

  /** The channel of one document. */
  channelOf(docName: string): string {
    return `${this.options.prefix}:doc:${docName}`;
  }

  join(doc: RelayedDoc): void {
    this.docs.set(this.channelOf(doc.name), doc);
    void this.subscribeAndGreet([doc]);
  }

  leave(doc: RelayedDoc): void {
    const channel = this.channelOf(doc.name);
    if (this.docs.get(channel) !== doc) return;
    this.docs.delete(channel);
    this.options.subscriber.unsubscribe(channel).catch((error: unknown) =>
      this.options.logger.debug('failed to unsubscribe a document channel', {
        doc: doc.name,
        ...errorFields(error),
      }),
    );
  }

  publishUpdate(docName: string, update: Uint8Array): void {
    this.publish(docName, this.header(MessageKind.update), (encoder) =>
      encoding.writeVarUint8Array(encoder, update),
    );
  }

  publishAwareness(docName: string, update: Uint8Array): void {
    this.publish(docName, this.header(MessageKind.awareness), (encoder) =>
      encoding.writeVarUint8Array(encoder, update),
    );
  }

  publishClaims(docName: string, claims: Uint8Array): void {
    this.publish(docName, this.header(MessageKind.claims), (encoder) =>
      encoding.writeVarUint8Array(encoder, claims),
    );
  }

  /** Redis came back: subscribe again to every document's channel and compare digests with the peers. */
  resynchronise(): void {
    void this.subscribeAndGreet([...this.docs.values()]);
  }

  /** Stops the digests and the subscriptions (shutdown). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const check of this.graceChecks.values()) clearTimeout(check);
    this.graceChecks.clear();
    this.options.subscriber.off('messageBuffer', this.onMessage);
    this.docs.clear();
  }

  /** Subscribes, then says hello: peers answer with what this process lacks and with their clients' awareness. */
  private async subscribeAndGreet(docs: RelayedDoc[]): Promise<void> {
    if (docs.length === 0) return;
    try {
      await this.options.subscriber.subscribe(...docs.map((doc) => this.channelOf(doc.name)));
    } catch (error) {
      this.options.logger.debug('failed to subscribe to document channels', errorFields(error));
      return;
    }
    for (const doc of docs)
      if (this.docs.get(this.channelOf(doc.name)) === doc) this.publishDigest(doc, DigestFlag.hello);
  }

  private publishDigests(flags: number): void {
    if (this.closed) return;
    for (const doc of this.docs.values()) this.publishDigest(doc, flags);
  }

  private publishDigest(doc: RelayedDoc, flags: number): void {
    const hash = digestOf(doc.doc);
    const stateVector = Y.encodeStateVector(doc.doc);
    this.publish(doc.name, this.header(MessageKind.digest), (encoder) => {
      encoding.writeVarUint8Array(encoder, hash);
      encoding.writeVarUint8Array(encoder, stateVector);
      encoding.writeVarUint(encoder, flags);
    });
  }

  private header(kind: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarString(encoder, this.options.processId);
    encoding.writeFloat64(encoder, Date.now());
    return encoder;
  }

  private publish(
    docName: string,
    encoder: encoding.Encoder,
    body: (encoder: encoding.Encoder) => void,
  ): void {
    if (this.closed) return;
    body(encoder);
    const message = Buffer.from(encoding.toUint8Array(encoder));
    this.options.publisher.publish(this.channelOf(docName), message).then(
      () => {
        this.stats.published += 1;
      },
      // Redis is away (logged once by RedisLink): the digests after its return repair what this loses.
      () => {
        this.stats.publishFailures += 1;
      },
    );
  }

  private readonly onMessage = (channelBuffer: Buffer, messageBuffer: Buffer): void => {
    const doc = this.docs.get(channelBuffer.toString());
    if (!doc) return;
    let message: Message;
    try {
      message = decodeMessage(
        new Uint8Array(messageBuffer.buffer, messageBuffer.byteOffset, messageBuffer.byteLength),
      );
    } catch (error) {
      this.options.logger.warn('dropped an unreadable relay message', {
        doc: doc.name,
        ...errorFields(error),
      });
      return;
    }
    if (message.from === this.options.processId) return;
    this.stats.received += 1;
    this.options.onLag?.(Math.max(0, Date.now() - message.sentAt) / MS_PER_SECOND);
    try {
      this.handle(doc, message);
    } catch (error) {
      this.options.logger.error('failed to apply a relay message', { doc: doc.name, ...errorFields(error) });
    }
  };

  private handle(doc: RelayedDoc, message: Message): void {
    switch (message.kind) {
      case MessageKind.update:
        doc.applyRelayed(message.payload);
        return;
      case MessageKind.awareness:
        doc.applyRelayedAwareness(message.payload);
        return;
      case MessageKind.claims:
        doc.applyRelayedClaims(message.payload);
        return;
      case MessageKind.digest: {
        if ((message.flags & DigestFlag.hello) !== 0) {
          const awareness = doc.awarenessSnapshot();
          if (awareness) this.publishAwareness(doc.name, awareness);
          const claims = doc.clientIdClaimsSnapshot();
          if (claims) this.publishClaims(doc.name, claims);
        }
        if (message.flags === 0) this.compareDigest(doc, message.from, message.stateVector, message.hash);
        else this.repair(doc, message.stateVector, message.hash, message.flags);
        return;
      }
    }
  }

  /**
   * Answers a digest that asks for an answer (a hello, a reply, a request): if the documents differ, sends
   * the peer what it lacks and, unless the digest answers one of ours, this process's own digest.
   */
  private repair(doc: RelayedDoc, stateVector: Uint8Array, hash: Uint8Array, flags: number): void {
    if (Buffer.from(digestOf(doc.doc)).equals(Buffer.from(hash))) return;
    this.stats.repairs += 1;
    this.publishUpdate(doc.name, Y.encodeStateAsUpdate(doc.doc, stateVector));
    // The other side may lack nothing of ours but have something we lack: our digest tells it so.
    if ((flags & (DigestFlag.reply | DigestFlag.request)) === 0) this.publishDigest(doc, DigestFlag.reply);
  }

  /**
   * Compares a peer's periodic digest. Under continuous editing the documents of two processes almost always
   * differ by what is in flight, so the state vectors are compared first: each process asks only for what it
   * lacks itself (the peer does the same with this process's digest), and only if it still lacks it after
   * DIGEST_GRACE_MS. With equal state vectors the documents can differ only in deletions, which are repaired
   * at once as before.
   */
  private compareDigest(doc: RelayedDoc, peer: string, stateVector: Uint8Array, hash: Uint8Array): void {
    const ours = Y.encodeStateVector(doc.doc);
    if (Buffer.from(ours).equals(Buffer.from(stateVector))) {
      this.repair(doc, stateVector, hash, 0);
      return;
    }
    const theirs = Y.decodeStateVector(stateVector);
    if (covers(Y.decodeStateVector(ours), theirs)) return;
    const key = `${this.channelOf(doc.name)}\n${peer}`;
    if (this.graceChecks.has(key)) return;
    const check = setTimeout(() => {
      this.graceChecks.delete(key);
      if (this.closed || this.docs.get(this.channelOf(doc.name)) !== doc) return;
      if (!covers(Y.decodeStateVector(Y.encodeStateVector(doc.doc)), theirs))
        this.publishDigest(doc, DigestFlag.request);
    }, DIGEST_GRACE_MS);
    check.unref();
    this.graceChecks.set(key, check);
  }
}

/** Whether a document with state vector `ours` has every change one with `theirs` has (deletions aside). */
function covers(ours: Map<number, number>, theirs: Map<number, number>): boolean {
  for (const [client, clock] of theirs) if ((ours.get(client) ?? 0) < clock) return false;
  return true;
}

/** SHA-1 of the document's snapshot (state vector and delete set): equal digests mean equal documents. */
export function digestOf(doc: Y.Doc): Uint8Array {
  return createHash('sha1')
    .update(Y.encodeSnapshot(Y.snapshot(doc)))
    .digest();
}

function decodeMessage(bytes: Uint8Array): Message {
  const decoder = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(decoder);
  const from = decoding.readVarString(decoder);
  const sentAt = decoding.readFloat64(decoder);
  switch (kind) {
    case MessageKind.update:
    case MessageKind.awareness:
    case MessageKind.claims:
      return { kind, from, sentAt, payload: decoding.readVarUint8Array(decoder) };
    case MessageKind.digest:
      return {
        kind,
        from,
        sentAt,
        hash: decoding.readVarUint8Array(decoder),
        stateVector: decoding.readVarUint8Array(decoder),
        flags: decoding.readVarUint(decoder),
      };
    default:
      throw new Error(`unknown relay message kind ${kind}`);
  }
}
