import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTopic, createPlanDoc, listTopics, topicNotes, updateTopic } from '@yipan/domain';
import { CreatePlanResponse } from '@yipan/protocol';
import { connectClient, type PlanClient } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';
import { HostileLane, type LaneOutcome } from './support/hostileLane';
import { FuzzTally, fuzzInputs, fuzzSeed, leakedInternals, Random } from './support/random';
import { YJS_INPUT_KINDS, yjsInput } from './support/yjsInputs';

/** Hostile connections working at once, each on its own socket. */
const LANES = Number(process.env.FUZZ_LANES ?? 8);
/** Honest edits are made every this many hostile inputs. */
const HONEST_EDIT_EVERY = 40;

/**
 * Everything a replica holds, comparable across replicas: every root (by its structure, whatever type a
 * client gave it, so roots only a hostile client writes compare too) and the state vector.
 */
function contentOf(doc: Y.Doc): string {
  const roots: Record<string, unknown> = {};
  for (const [name, type] of [...doc.share].sort(([a], [b]) => (a < b ? -1 : 1)))
    roots[name] = typeShape(type);
  const vector = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b);
  return JSON.stringify({ roots, vector });
}

/** A shared type's visible entries and sequence, recursively, read the same way for every type. */
function typeShape(type: { _map: Map<string, Y.Item>; _start: Y.Item | null }): unknown {
  const entries: Record<string, unknown> = {};
  for (const [key, item] of [...type._map].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (!item.deleted) entries[key] = itemShape(item);
  const sequence: unknown[] = [];
  for (let item = type._start; item !== null; item = item.right)
    if (!item.deleted) sequence.push(itemShape(item));
  return { entries, sequence };
}

function itemShape(item: Y.Item): unknown {
  return item.content
    .getContent()
    .map((value: unknown) => (value instanceof Y.AbstractType ? typeShape(value) : value));
}

describeEachDialect('fuzzing /yjs while honest editors work', (dialect) => {
  const { running, connect, restart, closeAll, track } = useTestServer(dialect);

  const inputs = fuzzInputs(0.4);
  // A long run (FUZZ_INPUTS in the hundreds of thousands) takes as long as it needs: ~100 inputs a second.
  it(
    'keeps the server up, every document loadable and every replica equal to the server',
    { timeout: 120_000 + inputs * 50 },
    async () => {
      const seed = fuzzSeed();
      const random = new Random(seed);
      const tally = new FuzzTally();
      const startedAt = performance.now();

      // Two open plans, each edited by two honest editors (different accounts from the hostile one).
      const admin = await running().signIn('county.admin');
      const planIds: string[] = [];
      for (const year of [2030, 2031]) {
        const response = await admin.fetch('/api/orgs/county-1/plans', {
          method: 'POST',
          body: JSON.stringify({ year }),
        });
        expect(response.status).toBe(201);
        planIds.push(CreatePlanResponse.parse(await response.json()).plan.id);
      }
      const editor = await running().signIn('county.editor');
      const honest = new Map<string, PlanClient[]>();
      for (const planId of planIds)
        honest.set(planId, [
          await connect(planId, { token: await editor.syncToken() }),
          await connect(planId, { token: await admin.syncToken() }),
        ]);

      // Valid updates seen so far: what mutations start from (honest ones and the hostile editor's own).
      const donors: Uint8Array[] = [];
      for (const clients of honest.values())
        for (const client of clients) client.doc.on('update', (update: Uint8Array) => donors.push(update));

      // The hostile editor (the test account, an editor of the plan): one mirror per plan, several lanes.
      const mirrors = new Map<string, Y.Doc>();
      const lanes: Array<{ planId: string; lane: HostileLane }> = [];
      for (const planId of planIds) {
        const mirror = createPlanDoc();
        mirror.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== 'server') donors.push(update);
        });
        mirrors.set(planId, mirror);
        for (let i = 0; i < LANES / planIds.length; i++)
          lanes.push({ planId, lane: new HostileLane(running().docUrl(`plan:${planId}`), mirror) });
      }

      const closeReasons: string[] = [];
      const hangs: string[] = [];
      let next = 0;
      let honestTopics = 0;
      const honestEdit = (index: number) => {
        const planId = random.pick(planIds);
        const clients = honest.get(planId) ?? [];
        const client = random.pick(clients);
        const topics = listTopics(client.doc, { includeArchived: true });
        const existing = topics.length > 0 && random.chance(0.6) ? random.pick(topics) : null;
        if (existing) {
          if (random.chance(0.5)) updateTopic(client.doc, existing.id, { title: `诚实的修改 ${index}` });
          else topicNotes(client.doc, existing.id)?.insert(0, `备注${index} `);
        } else {
          addTopic(client.doc, { title: `诚实的议题 ${index}` });
          honestTopics += 1;
        }
      };

      /** One lane's loop: take the next input number, build it, send it, note what happened. */
      const work = async ({ planId, lane }: { planId: string; lane: HostileLane }) => {
        const mirror = mirrors.get(planId);
        if (!mirror) throw new Error('no mirror');
        while (next < inputs) {
          const index = next++;
          if (index % HONEST_EDIT_EVERY === 0) honestEdit(index);
          const kind = random.pick(YJS_INPUT_KINDS);
          // Now and then the hostile editor makes a valid edit of its own: mutations then build on it.
          if (random.chance(0.05)) addTopic(mirror, { title: `攻击者的议题 ${index}` });
          const data = yjsInput(
            random,
            kind,
            donors.slice(-200),
            mirror.clientID,
            Y.getState(mirror.store, mirror.clientID),
          );
          const outcome: LaneOutcome = await lane.send(data);
          tally.add(kind);
          if (outcome.kind === 'closed') closeReasons.push(outcome.reason);
          if (outcome.kind === 'hang') hangs.push(`${kind} #${index}`);
        }
      };
      await Promise.all(lanes.map(work));
      console.log(`[fuzz] yjs inputs sent in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
      for (const { lane } of lanes) lane.close();

      // The server still answers, and no close reason carried an internal detail.
      expect((await fetch(`${running().baseUrl}/api/health`)).status).toBe(200);
      expect(hangs).toEqual([]);
      expect(closeReasons.flatMap(leakedInternals)).toEqual([]);
      expect(lanes.flatMap(({ lane }) => lane.serverSentInvalid)).toEqual([]);
      for (const mirror of mirrors.values()) expect(mirror.store.pendingStructs).toBeNull();

      // Honest replicas agree with each other and with a fresh client, now and after a restart from the database.
      for (const planId of planIds) {
        const [first, second] = honest.get(planId) ?? [];
        if (!first || !second) throw new Error('no honest clients');
        await first.drained();
        await second.drained();
        await waitFor(
          `honest replicas of ${planId} to agree`,
          () => contentOf(first.doc) === contentOf(second.doc),
          30_000,
        );
        // A reader other than the hostile editor, whose per-user rate the flood has used up; a long run's
        // document is large, so its first sync gets time.
        const fresh = track(connectClient(running().syncUrl, planId, { token: await admin.syncToken() }));
        await waitFor(`a fresh client of ${planId} to sync`, () => fresh.provider.synced, 120_000);
        await waitFor(
          `a fresh client of ${planId} to match`,
          () => contentOf(fresh.doc) === contentOf(first.doc),
          30_000,
        );
      }
      const expected = new Map(
        planIds.map((planId) => [planId, contentOf(honest.get(planId)?.[0]?.doc ?? new Y.Doc())]),
      );
      closeAll();
      await restart();
      let corrupted = 0;
      for (const planId of planIds) {
        const reader = await running().signIn('county.admin');
        const reloaded = connectClient(running().syncUrl, planId, { token: await reader.syncToken() });
        await waitFor(`${planId} to load after the restart`, () => reloaded.provider.synced, 120_000);
        const content = contentOf(reloaded.doc);
        if (content !== expected.get(planId)) corrupted += 1;
        reloaded.close();
      }
      console.log(
        `${tally.report(`yjs [${dialect}]`, seed, startedAt)} honestTopics=${honestTopics} closes=${closeReasons.length} corrupted=${corrupted}`,
      );
      expect(corrupted).toBe(0);
    },
  );
});
