import { expect, it } from 'vitest';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import { useTestServer } from '../support/useTestServer';
import {
  FuzzTally,
  fuzzInputs,
  fuzzSeed,
  hostileJson,
  hostileString,
  leakedInternals,
  Random,
} from './support/random';

/** Events the server handles that take an acknowledgement; each must answer whatever it is sent. */
const ACKED_EVENTS = [
  'plan:watch',
  'meeting:join',
  'meeting:focus',
  'meeting:summon',
  'meeting:follow',
  'meeting:timer',
  'meeting:hand',
  'meeting:hands:clear',
  'meeting:vote:open',
  'meeting:vote:close',
  'meeting:ballot',
] as const;
/** Events without an acknowledgement: sent without one. */
const FIRE_AND_FORGET = ['plan:unwatch', 'meeting:leave'] as const;
/** How long an acknowledgement may take before the fuzzer calls it missing. */
const ACK_TIMEOUT_MS = 20_000;
const SOCKETS = 4;

/** A payload that is wrong in a random way: wrong types, hostile strings, huge values, near-valid shapes. */
function hostilePayload(random: Random): unknown {
  switch (random.int(6)) {
    case 0:
      return hostileJson(random);
    case 1:
      return { planId: hostileString(random), meetingId: hostileString(random) };
    case 2:
      return {
        planId: 'county-1-2021',
        meetingId: hostileString(random),
        itemId: hostileJson(random),
        raised: 'yes',
      };
    case 3:
      return { meetingId: 'x'.repeat(random.int(600_000)) };
    case 4:
      return random.pick([undefined, null, 0, '', [], {}, Number.NaN]);
    default:
      return { planId: 'county-1-2021', extra: hostileJson(random, 0, true) };
  }
}

type Ack = { ok?: unknown; code?: unknown; message?: unknown };

describeEachDialect('fuzzing /board events', (dialect) => {
  const { running } = useTestServer(dialect, {
    // The rate limits are tested elsewhere; here every event must reach its handler.
    limits: { boardSocketRate: { burst: 1_000_000, perSecond: 1_000_000 } },
  });

  it('answers every event that asks for an answer with ok:false and a code, and survives', async () => {
    const seed = fuzzSeed();
    const random = new Random(seed);
    const inputs = fuzzInputs(1.5);
    const tally = new FuzzTally();
    const startedAt = performance.now();
    const token = await running().editor.syncToken();
    const missing: string[] = [];
    const badAnswers: string[] = [];
    const leaks: string[] = [];

    const open = async (): Promise<BoardSocket> => {
      const connected = await connectBoardSocket(running().baseUrl, { token });
      if (!connected.ok) throw new Error(`board socket refused: ${connected.code}`);
      return connected.socket;
    };

    let next = 0;
    const work = async () => {
      let socket = await open();
      while (next < inputs) {
        const index = next++;
        // A huge payload closes the transport (over the message limit): reconnect and carry on.
        if (!socket.connected) socket = await open();
        const roll = random.int(10);
        if (roll < 1) {
          const event = random.pick(FIRE_AND_FORGET);
          socket.emit(event as 'plan:unwatch', hostilePayload(random) as never);
          tally.add('no-ack');
          continue;
        }
        const known = roll < 8;
        const event = known ? random.pick(ACKED_EVENTS) : hostileString(random).slice(0, 200) || 'x';
        const withoutPayload = random.chance(0.15);
        const args: unknown[] = withoutPayload ? [] : [hostilePayload(random)];
        if (random.chance(0.05)) args.push(hostileJson(random));
        const emitter = socket as unknown as {
          timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Ack> };
        };
        tally.add(known ? (withoutPayload ? 'known-no-payload' : 'known') : 'unknown-event');
        try {
          const answer = await emitter.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args);
          leaks.push(...leakedInternals(JSON.stringify(answer)));
          if (answer.ok === false && typeof answer.code !== 'string')
            badAnswers.push(`${event}: ${JSON.stringify(answer)}`);
        } catch {
          // Over the message limit the transport is closed and the acknowledgement never comes: that is the answer.
          if (socket.connected)
            missing.push(`#${index} ${event.slice(0, 40)} ${JSON.stringify(args).slice(0, 120)}`);
        }
      }
      socket.disconnect();
    };
    await Promise.all(Array.from({ length: SOCKETS }, work));

    console.log(tally.report(`board [${dialect}]`, seed, startedAt));
    expect(missing).toEqual([]);
    expect(badAnswers).toEqual([]);
    expect(leaks).toEqual([]);
    expect((await fetch(`${running().baseUrl}/api/health`)).status).toBe(200);
    // An honest client still gets its plan watched.
    const honest = await open();
    const answer = (await honest
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('plan:watch', { planId: 'county-1-2021' })) as Ack;
    expect(answer).toEqual({ ok: true });
    honest.disconnect();
  });
});
