import { and, asc, eq, gt, lt } from 'drizzle-orm';
import * as Y from 'yjs';
import { databaseErrorCode, isDatabaseUnavailable } from './databaseUnavailable';
import type { Db, Driver, LogRow } from './driver';
import type {
  DocStore,
  DocStoreHealth,
  DocStoreStats,
  DocUpdateEntry,
  LoadedDoc,
  OpenOptions,
} from './types';

/** Longest an append waits for company before its batch is written: well inside the 100 ms durability promise. */
export const BATCH_DELAY_MS = 5;
/** Rows per batch: one INSERT of 4 parameters a row stays far below SQLite's 32,766 bound parameters. */
export const MAX_BATCH_ROWS = 500;
/** Log rows after a snapshot beyond which the document is compacted, so loads cost O(state), not O(history). */
export const COMPACTION_THRESHOLD = 200;
/** First wait before retrying a batch the database could not take; doubled after each failure. */
export const RETRY_INITIAL_MS = 50;
/** Longest wait between retries: a database that came back is written to within a second. */
export const RETRY_MAX_MS = 1_000;

type Queued = { row: LogRow; done: Promise<void>; resolve(): void; reject(error: unknown): void };

const ignore = (): void => undefined;

/**
 * The state of a document as one update. Applying to a Y.Doc and re-encoding, rather than
 * Y.mergeUpdates: the result merges runs of typing and drops deleted content, so snapshots come out
 * about three times smaller and load faster (measured on 20,000 keystrokes); the log keeps the history.
 */
function mergeIntoState(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The DocStore, written once against the Driver shim. Appends are queued and committed in batches,
 * one batch at a time per database; loads read the snapshot plus the log rows after it; compaction
 * merges them into a new snapshot and keeps the log as the audit trail. A document whose tail grows
 * past COMPACTION_THRESHOLD is compacted in the background after the batch that made it so.
 *
 * An edit is never dropped because the database is away (stopped, restarting, unreachable): the batch
 * goes back to the head of the queue and is retried with a growing pause (RETRY_INITIAL_MS up to
 * RETRY_MAX_MS) while new appends queue behind it in order; everything lands once the database
 * answers again. Only a batch the database refuses (a constraint, a trigger) is rejected.
 */
export class BatchedDocStore implements DocStore {
  readonly stats: DocStoreStats = {
    batches: 0,
    rows: 0,
    failedBatches: 0,
    compactions: 0,
    compactionsSkipped: 0,
    queued: 0,
  };
  private queue: Queued[] = [];
  /** The batch being committed, so flush() can wait for it. */
  private inFlight: Queued[] = [];
  private writer: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Log rows believed to lie after each document's snapshot: a per-process estimate that only decides when to compact. */
  private readonly tails = new Map<string, number>();
  /** Per document, the end of its chain of compactions (never rejects); present while one is pending. */
  private readonly compactions = new Map<string, Promise<void>>();
  /** Documents with an automatic compaction pending, so it is never started twice at once. */
  private readonly autoCompacting = new Set<string>();
  private closed = false;
  /** Code of the failure being retried; null while batches commit. */
  private lastError: string | null = null;

  constructor(
    private readonly driver: Driver,
    private readonly onBackgroundError: NonNullable<OpenOptions['onBackgroundError']>,
    private readonly onPersistenceChange: OpenOptions['onPersistenceChange'] = undefined,
  ) {}

  append(docName: string, update: Uint8Array, author: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    let resolve = ignore;
    let reject: (error: unknown) => void = ignore;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A copy: the caller may reuse its buffer before the batch is written.
    const row = { docName, update: Buffer.from(update), author, createdAt: new Date() };
    this.queue.push({ row, done, resolve, reject });
    this.stats.queued += 1;
    if (this.queue.length >= MAX_BATCH_ROWS) this.startWriter();
    else this.timer ??= setTimeout(() => this.startWriter(), BATCH_DELAY_MS);
    return done;
  }

  async flush(): Promise<void> {
    const pending = [...this.inFlight, ...this.queue].map((queued) => queued.done);
    this.startWriter();
    const results = await Promise.allSettled(pending);
    while (this.compactions.size > 0) await Promise.all(this.compactions.values());
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  health(): DocStoreHealth {
    const oldest = this.inFlight[0] ?? this.queue[0];
    return {
      ok: this.lastError === null,
      queued: this.stats.queued,
      oldestQueuedMs: oldest ? Math.max(0, Date.now() - oldest.row.createdAt.getTime()) : null,
      lastError: this.lastError,
    };
  }

  /** Refuses further appends and commits the queued ones; the driver is closed by the caller. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  async load(docName: string): Promise<LoadedDoc> {
    const { snapshot, updates } = await this.read(docName);
    // Max, not set: a batch may have committed (and been counted) after the read.
    this.tails.set(docName, Math.max(this.tails.get(docName) ?? 0, updates.length));
    this.maybeCompact(docName);
    return { snapshot, updates, rowsRead: (snapshot ? 1 : 0) + updates.length };
  }

  compact(docName: string): Promise<void> {
    const previous = this.compactions.get(docName) ?? Promise.resolve();
    const run = previous.then(() => this.compactNow(docName));
    const settled: Promise<void> = run.then(ignore, ignore).then(() => {
      if (this.compactions.get(docName) === settled) this.compactions.delete(docName);
    });
    this.compactions.set(docName, settled);
    return run;
  }

  async history(
    docName: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<DocUpdateEntry[]> {
    const { db, tables } = this.driver;
    const { docUpdates } = tables;
    const after = options.afterSeq === undefined ? undefined : gt(docUpdates.id, options.afterSeq);
    const query = db
      .select()
      .from(docUpdates)
      .where(and(eq(docUpdates.docName, docName), after))
      .orderBy(asc(docUpdates.id))
      .$dynamic();
    const rows = await (options.limit === undefined ? query : query.limit(options.limit));
    return rows.map(({ id, author, createdAt, update }) => ({ seq: id, author, createdAt, update }));
  }

  /** Starts the writer unless it runs already; it commits the queue batch by batch, never two at once. */
  private startWriter(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writer ??= this.drain().finally(() => {
      this.writer = null;
      // Appends that arrived while the writer was finishing.
      if (this.queue.length > 0) this.startWriter();
    });
  }

  private async drain(): Promise<void> {
    let retryMs = RETRY_INITIAL_MS;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH_ROWS);
      this.inFlight = batch;
      let unavailable = false;
      try {
        await this.driver.writeLogBatch(batch.map((queued) => queued.row));
        this.stats.batches += 1;
        this.stats.rows += batch.length;
        this.stats.queued -= batch.length;
        retryMs = RETRY_INITIAL_MS;
        for (const queued of batch) queued.resolve();
        if (this.lastError !== null) {
          this.lastError = null;
          this.onPersistenceChange?.(this.health());
        }
        this.noteCommitted(batch);
      } catch (error) {
        this.stats.failedBatches += 1;
        if (isDatabaseUnavailable(error)) {
          // Back to the head of the queue, before anything appended meanwhile, so the order holds. Should
          // the commit have landed with only its answer lost, the rows are written twice: applying a Yjs
          // update again changes nothing, so a duplicate costs a log row, never content.
          unavailable = true;
          this.queue.unshift(...batch);
          const first = this.lastError === null;
          this.lastError = databaseErrorCode(error);
          if (first) this.onPersistenceChange?.(this.health());
        } else {
          // The database refused the batch (nothing of it was written): its appends reject so their callers know.
          this.stats.queued -= batch.length;
          for (const queued of batch) queued.reject(error);
        }
      } finally {
        this.inFlight = [];
      }
      if (unavailable) {
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    }
  }

  private noteCommitted(batch: Queued[]): void {
    const counts = new Map<string, number>();
    for (const { row } of batch) counts.set(row.docName, (counts.get(row.docName) ?? 0) + 1);
    for (const [docName, count] of counts) {
      this.tails.set(docName, (this.tails.get(docName) ?? 0) + count);
      this.maybeCompact(docName);
    }
  }

  /** Compacts in the background when the tail is long, then checks again for rows that arrived meanwhile. */
  private maybeCompact(docName: string): void {
    if (this.autoCompacting.has(docName) || (this.tails.get(docName) ?? 0) <= COMPACTION_THRESHOLD) return;
    this.autoCompacting.add(docName);
    this.compact(docName).then(
      () => {
        this.autoCompacting.delete(docName);
        this.maybeCompact(docName);
      },
      (error: unknown) => {
        this.autoCompacting.delete(docName);
        this.onBackgroundError(error, { docName });
      },
    );
  }

  /**
   * Merges the document's snapshot and tail into a new snapshot, unless another process holds its
   * compaction lock (several processes on one PostgreSQL): then that one compacts, and this one forgets
   * its tail estimate so it does not try again at once.
   */
  private async compactNow(docName: string): Promise<void> {
    let merged = 0;
    const acquired = await this.driver.compactExclusively(docName, async (db) => {
      const { snapshot, updates, lastId } = await this.read(docName, db);
      if (updates.length === 0) return;
      const state = Buffer.from(mergeIntoState(snapshot ? [snapshot, ...updates] : updates));
      const { docSnapshots } = this.driver.tables;
      const updatedAt = new Date();
      await db
        .insert(docSnapshots)
        .values({ docName, upToId: lastId, state, updatedAt })
        .onConflictDoUpdate({
          target: docSnapshots.docName,
          set: { upToId: lastId, state, updatedAt },
          // Another process may have compacted further meanwhile: a snapshot never moves back.
          setWhere: lt(docSnapshots.upToId, lastId),
        });
      merged = updates.length;
    });
    if (!acquired) {
      this.stats.compactionsSkipped += 1;
      this.tails.set(docName, 0);
      return;
    }
    if (merged === 0) return;
    this.tails.set(docName, Math.max(0, (this.tails.get(docName) ?? 0) - merged));
    this.stats.compactions += 1;
  }

  /** The snapshot and the log rows after it; `lastId` is the last row merged by either. */
  private async read(
    docName: string,
    db: Db = this.driver.db,
  ): Promise<{ snapshot: Buffer | null; updates: Buffer[]; lastId: number }> {
    const { tables } = this.driver;
    const { docSnapshots, docUpdates } = tables;
    const [snapshot] = await db
      .select({ upToId: docSnapshots.upToId, state: docSnapshots.state })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    const after = snapshot ? gt(docUpdates.id, snapshot.upToId) : undefined;
    const rows = await db
      .select({ id: docUpdates.id, update: docUpdates.update })
      .from(docUpdates)
      .where(and(eq(docUpdates.docName, docName), after))
      .orderBy(asc(docUpdates.id));
    return {
      snapshot: snapshot?.state ?? null,
      updates: rows.map((row) => row.update),
      lastId: rows.at(-1)?.id ?? snapshot?.upToId ?? 0,
    };
  }
}
