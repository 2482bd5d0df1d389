import BetterSqlite3 from 'better-sqlite3';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BatchedDocStore, COMPACTION_THRESHOLD, MAX_BATCH_ROWS } from './BatchedDocStore';
import type { Driver } from './driver';
import { openDatabase, openDriver } from './openDatabase';
import { COMPACTION_LOCK } from './pg/openPostgresDriver';
import { describeEachDialect } from './testing';
import type { Database, DatabaseConfig, LoadedDoc } from './types';

/** The synthetic document's one root: these tests persist arbitrary Yjs documents, not plans. */
const ROOT = 'text';
/** Every tenth keystroke is a backspace, so the log holds deletions too. */
const BACKSPACE_EVERY = 10;

/** Types `count` keystrokes into a fresh document; returns each keystroke's update and the final text. */
function typeText(count: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText(ROOT);
  for (let i = 0; i < count; i++) {
    if (i % BACKSPACE_EVERY === BACKSPACE_EVERY - 1) text.delete(text.length - 1, 1);
    else text.insert(text.length, '监督议题'.charAt(i % 4));
  }
  return { updates, text: text.toString() };
}

/** The text of a loaded document, rebuilt the way the server does: snapshot first, then the tail. */
function textOf(loaded: LoadedDoc): string {
  const doc = new Y.Doc();
  for (const update of loaded.snapshot ? [loaded.snapshot, ...loaded.updates] : loaded.updates)
    Y.applyUpdate(doc, update);
  return doc.getText(ROOT).toString();
}

/** Runs raw SQL beside the store, for what the API deliberately cannot do (installing a failing trigger). */
async function execRaw(config: DatabaseConfig, statement: string): Promise<void> {
  if (config.dialect === 'sqlite') {
    const client = new BetterSqlite3(config.file);
    client.exec(statement);
    client.close();
    return;
  }
  const sql = postgres(config.url, { max: 1 });
  await sql.unsafe(statement);
  await sql.end();
}

/** A trigger that aborts any insert into the log authored by `refused`. */
const REFUSE_TRIGGER: Record<DatabaseConfig['dialect'], string> = {
  sqlite: `create trigger refuse before insert on doc_updates when new.author = 'refused'
           begin select raise(abort, 'refused by the test trigger'); end;`,
  postgres: `create function refuse() returns trigger language plpgsql as $$
             begin if new.author = 'refused' then raise exception 'refused by the test trigger'; end if; return new; end $$;
             create trigger refuse before insert on doc_updates for each row execute function refuse();`,
};

/** What postgres-js throws while PostgreSQL is stopped, wrapped the way drizzle wraps it. */
function connectionRefused(): Error {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  return new Error('Failed query: insert into "doc_updates" …', { cause: refused });
}

/** Resolves once `check` holds, polling; the tests' outages end when they say so, not on a clock. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describeEachDialect('DocStore', (dialect, database) => {
  let db: Database;
  const config = () => database().config;

  beforeAll(async () => {
    db = await openDatabase(config());
  });
  afterAll(async () => {
    await db?.close();
  });

  it('commits an append within the 100 ms durability promise, with its author', async () => {
    const [update] = typeText(1).updates;
    const receivedFrom = Date.now();
    const started = performance.now();
    await db.docs.append('plan:latency', update!, 'city.editor');
    expect(performance.now() - started).toBeLessThan(100);
    const [entry] = await db.docs.history('plan:latency');
    expect(entry).toMatchObject({ author: 'city.editor' });
    // When it was received, to the millisecond, as each dialect stores and reads it back.
    expect(entry?.createdAt.getTime()).toBeGreaterThanOrEqual(receivedFrom);
    expect(entry?.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Uint8Array(entry!.update)).toEqual(update);
  });

  it('writes many concurrent appends in few transactions, all committed once awaited', async () => {
    const docs = ['plan:a', 'plan:b', 'plan:c'];
    const { updates } = typeText(1_200);
    const before = { ...db.docs.stats };
    await Promise.all(
      updates.map((update, i) => db.docs.append(docs[i % docs.length]!, update, `user-${i % 7}`)),
    );
    expect(db.docs.stats.rows - before.rows).toBe(1_200);
    expect(db.docs.stats.batches - before.batches).toBeLessThanOrEqual(Math.ceil(1_200 / MAX_BATCH_ROWS) + 1);
    for (const doc of docs) expect(await db.docs.history(doc)).toHaveLength(400);
  });

  it('never runs two batches at once, even when commits are slow', async () => {
    const driver = await openDriver(config());
    let running = 0;
    let mostAtOnce = 0;
    const slow: Driver = {
      ...driver,
      async writeLogBatch(rows) {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        try {
          return await driver.writeLogBatch(rows);
        } finally {
          running -= 1;
        }
      },
    };
    const store = new BatchedDocStore(slow, (error) => {
      throw error;
    });
    const { updates } = typeText(60);
    const appends: Promise<void>[] = [];
    for (const update of updates) {
      appends.push(store.append('plan:slow', update, 'u'));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(appends);
    await store.close();
    await driver.close();
    expect(mostAtOnce).toBe(1);
    expect(store.stats.batches).toBeGreaterThan(1);
    expect(await db.docs.history('plan:slow')).toHaveLength(60);
  });

  it('rejects the appends of a failed batch, writes none of them, and carries on', async () => {
    await execRaw(config(), REFUSE_TRIGGER[dialect]);
    const [first, second, third, fourth] = typeText(4).updates;
    const failedBefore = db.docs.stats.failedBatches;
    const batch = [
      db.docs.append('plan:refused', first!, 'u'),
      db.docs.append('plan:refused', second!, 'refused'),
      db.docs.append('plan:refused', third!, 'u'),
    ];
    for (const result of await Promise.allSettled(batch)) {
      expect(result.status).toBe('rejected');
      if (result.status === 'rejected') expect(String(result.reason)).toMatch(/refused/);
    }
    expect(db.docs.stats.failedBatches).toBe(failedBefore + 1);
    expect(await db.docs.history('plan:refused')).toEqual([]);

    await db.docs.append('plan:refused', first!, 'u');
    expect(await db.docs.history('plan:refused')).toHaveLength(1);

    const refused = db.docs.append('plan:refused', fourth!, 'refused');
    refused.catch(() => undefined);
    await expect(db.docs.flush()).rejects.toThrow(/refused/);
  });

  it('keeps appends in order while the database is unreachable, and lands every one when it returns', async () => {
    const driver = await openDriver(config());
    let down = true;
    let attemptsWhileDown = 0;
    const flaky: Driver = {
      ...driver,
      writeLogBatch(rows) {
        if (!down) return driver.writeLogBatch(rows);
        attemptsWhileDown += 1;
        return Promise.reject(connectionRefused());
      },
    };
    const changes: boolean[] = [];
    const store = new BatchedDocStore(
      flaky,
      (error) => {
        throw error;
      },
      ({ ok }) => changes.push(ok),
    );
    const { updates, text } = typeText(40);
    const committed = new Set<number>();
    const appends = updates
      .slice(0, 20)
      .map((update, i) => store.append('plan:outage', update, 'u').then(() => committed.add(i)));
    await until(() => attemptsWhileDown >= 3);
    // Editing carries on during the outage: later appends queue behind the first ones.
    for (const [i, update] of updates.slice(20).entries())
      appends.push(store.append('plan:outage', update, 'u').then(() => committed.add(20 + i)));
    expect(committed.size).toBe(0);
    expect(store.health()).toMatchObject({ ok: false, queued: 40, lastError: 'ECONNREFUSED' });
    expect(store.health().oldestQueuedMs).toBeGreaterThanOrEqual(0);
    expect(store.stats.queued).toBe(40);

    down = false;
    await Promise.all(appends);
    expect(committed.size).toBe(40);
    expect(store.health()).toEqual({ ok: true, queued: 0, oldestQueuedMs: null, lastError: null });
    // The outage and the recovery are announced once each (the server logs them), not at every retry.
    expect(changes).toEqual([false, true]);
    await store.close();
    await driver.close();
    // Every update is in the log once, in the order it was appended.
    const history = await db.docs.history('plan:outage');
    expect(history.map((entry) => Buffer.from(entry.update))).toEqual(updates.map((u) => Buffer.from(u)));
    expect(textOf(await db.docs.load('plan:outage'))).toBe(text);
  });

  it.skipIf(dialect !== 'postgres')(
    'leaves a document to the process holding its compaction lock, and compacts it once the lock is free',
    async () => {
      const { updates, text } = typeText(30);
      await Promise.all(updates.map((update) => db.docs.append('plan:locked', update, 'u')));
      const pg = config();
      if (pg.dialect !== 'postgres') throw new Error('expected PostgreSQL');
      // Another server process, compacting the same document right now.
      const other = postgres(pg.url, { max: 1 });
      try {
        await other`select pg_advisory_lock(${COMPACTION_LOCK}::int4, hashtext(${'plan:locked'}))`;
        const skippedBefore = db.docs.stats.compactionsSkipped;
        await db.docs.compact('plan:locked');
        expect(db.docs.stats.compactionsSkipped).toBe(skippedBefore + 1);
        expect(await db.docs.load('plan:locked')).toMatchObject({ snapshot: null, rowsRead: 30 });
        // Other documents are not held up by it.
        await db.docs.append('plan:unlocked', updates[0]!, 'u');
        await db.docs.compact('plan:unlocked');
        expect(await db.docs.load('plan:unlocked')).toMatchObject({ rowsRead: 1, updates: [] });

        await other`select pg_advisory_unlock(${COMPACTION_LOCK}::int4, hashtext(${'plan:locked'}))`;
        await db.docs.compact('plan:locked');
        const compacted = await db.docs.load('plan:locked');
        expect(compacted).toMatchObject({ rowsRead: 1, updates: [] });
        expect(textOf(compacted)).toBe(text);
      } finally {
        await other.end();
      }
    },
  );

  it('flush() commits everything queued', async () => {
    const { updates, text } = typeText(30);
    for (const update of updates) void db.docs.append('plan:flush', update, 'u');
    await db.docs.flush();
    const loaded = await db.docs.load('plan:flush');
    expect(loaded.rowsRead).toBe(30);
    expect(textOf(loaded)).toBe(text);
  });

  it('loads 10,000 typed updates from a snapshot and a short tail', async () => {
    const { updates, text } = typeText(10_000);
    const burst = 100;
    for (let start = 0; start < updates.length; start += burst) {
      await Promise.all(
        updates.slice(start, start + burst).map((update) => db.docs.append('plan:long', update, 'typist')),
      );
    }
    await db.docs.flush();

    const loaded = await db.docs.load('plan:long');
    expect(loaded.snapshot).not.toBeNull();
    expect(loaded.rowsRead).toBeLessThanOrEqual(1 + COMPACTION_THRESHOLD);
    expect(loaded.rowsRead).toBeLessThan(250);
    expect(textOf(loaded)).toBe(text);
    // The log is the audit trail: compaction kept every row.
    expect(await db.docs.history('plan:long')).toHaveLength(10_000);
  });

  it('compacts on demand into a snapshot that covers the log so far, keeping the log', async () => {
    const { updates, text } = typeText(53);
    const early = updates.slice(0, 50);
    for (const update of early) void db.docs.append('plan:compact', update, 'u');
    await db.docs.flush();
    await db.docs.compact('plan:compact');

    const compacted = await db.docs.load('plan:compact');
    expect(compacted).toMatchObject({ rowsRead: 1, updates: [] });
    await Promise.all(updates.slice(50).map((update) => db.docs.append('plan:compact', update, 'u')));
    const extended = await db.docs.load('plan:compact');
    expect(extended.rowsRead).toBe(4);
    expect(textOf(extended)).toBe(text);

    await db.docs.compact('plan:compact');
    await db.docs.compact('plan:compact');
    expect(textOf(await db.docs.load('plan:compact'))).toBe(text);
    expect(await db.docs.history('plan:compact')).toHaveLength(53);
    expect(await db.docs.load('plan:never-written')).toEqual({ snapshot: null, updates: [], rowsRead: 0 });
  });

  it('answers history with authors, oldest first, after a sequence number and limited', async () => {
    const authors = ['city.editor', 'county.editor', 'township.editor', 'city.editor'];
    const { updates } = typeText(authors.length);
    for (const [i, author] of authors.entries()) await db.docs.append('plan:history', updates[i]!, author);

    const all = await db.docs.history('plan:history');
    expect(all.map((entry) => entry.author)).toEqual(authors);
    const seqs = all.map((entry) => entry.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const after = await db.docs.history('plan:history', { afterSeq: seqs[1]!, limit: 1 });
    expect(after.map((entry) => entry.author)).toEqual(['township.editor']);
    expect(after[0]?.seq).toBe(seqs[2]);
  });

  it('has everything after the database is closed and opened again', async () => {
    const before = await db.docs.load('plan:long');
    const history = await db.docs.history('plan:history');
    await db.close();
    db = await openDatabase(config());

    const after = await db.docs.load('plan:long');
    expect(textOf(after)).toBe(textOf(before));
    expect(after.rowsRead).toBe(before.rowsRead);
    expect(await db.docs.history('plan:history')).toEqual(history);
    expect(await db.docs.history('plan:long')).toHaveLength(10_000);
  });
});
