import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Redis } from 'ioredis';
import { createLogger } from '../createLogger';
import type { RelayedDoc } from '../sync/DocRelay';
import { DIGEST_GRACE_MS, DIGEST_INTERVAL_MS, RedisDocRelay } from './RedisDocRelay';

/** Longest the first digest round waits (its jitter), plus the grace and a margin for a shared machine. */
const REPAIR_WITHIN_MS = DIGEST_INTERVAL_MS + 1_000 + DIGEST_GRACE_MS + 3_000;

/**
 * Redis pub/sub in memory, for the relay's own logic: every subscriber of a channel gets each message in a
 * later turn, as from a socket. Only the calls the relay makes are there.
 */
function memoryPubSub() {
  const subscribers = new Map<EventEmitter, Set<string>>();
  const subscriber = () => {
    const emitter = new EventEmitter();
    const channels = new Set<string>();
    subscribers.set(emitter, channels);
    return Object.assign(emitter, {
      subscribe: (...names: string[]) => {
        for (const name of names) channels.add(name);
        return Promise.resolve(names.length);
      },
      unsubscribe: (name: string) => Promise.resolve(channels.delete(name) ? 1 : 0),
    }) as unknown as Redis;
  };
  const publisher = {
    publish: (channel: string, message: Buffer) => {
      for (const [emitter, channels] of subscribers)
        if (channels.has(channel))
          setImmediate(() => emitter.emit('messageBuffer', Buffer.from(channel), message));
      return Promise.resolve(1);
    },
  } as unknown as Redis;
  return { subscriber, publisher };
}

/** A document as a process holds it, applying what the relay hands in. */
function relayedDoc(name: string): RelayedDoc {
  const doc = new Y.Doc();
  return {
    name,
    doc,
    awarenessSnapshot: () => null,
    applyRelayed: (update) => Y.applyUpdate(doc, update),
    applyRelayedAwareness: () => undefined,
    clientIdClaimsSnapshot: () => null,
    applyRelayedClaims: () => undefined,
  };
}

const waitUntil = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('RedisDocRelay digests', () => {
  const relays: RedisDocRelay[] = [];
  afterEach(() => {
    for (const relay of relays.splice(0)) relay.close();
  });

  it(
    'repairs a change whose message was lost while Redis stayed up, from the periodic digests',
    async () => {
      const bus = memoryPubSub();
      const relay = (processId: string) => {
        const created = new RedisDocRelay({
          processId,
          prefix: 'test',
          publisher: bus.publisher,
          subscriber: bus.subscriber(),
          logger: createLogger({ level: 'error' }),
        });
        relays.push(created);
        return created;
      };
      const [first, second] = [relay('p1'), relay('p2')];
      const [onFirst, onSecond] = [relayedDoc('plan:lost'), relayedDoc('plan:lost')];
      first.join(onFirst);
      second.join(onSecond);
      // Both greet each other on joining; then the change below is never published, as if its message was lost.
      await waitUntil(() => first.stats.received > 0 && second.stats.received > 0, REPAIR_WITHIN_MS);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const repairsBefore = first.stats.repairs;
      onFirst.doc.getText('notes').insert(0, '督促整改到位');

      await waitUntil(() => onSecond.doc.getText('notes').toString() === '督促整改到位', REPAIR_WITHIN_MS);
      expect(first.stats.repairs).toBeGreaterThan(repairsBefore);
    },
    REPAIR_WITHIN_MS + 5_000,
  );
});
