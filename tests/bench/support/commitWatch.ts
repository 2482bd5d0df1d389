import * as Y from 'yjs';
import BetterSqlite3 from 'better-sqlite3';
import { emptyHistogram, record, type HistogramData } from './histogram';
import type { ServerHandle } from './servers';
import type { SendRecord } from './workerProtocol';

/** How often Yipan's update log is polled: the observed commit time is late by up to this. */
const YIPAN_POLL_MS = 5;
/** How often Hocuspocus' documents are polled; it stores every 2–10 s, so coarser polling suffices. */
const HOCUSPOCUS_POLL_MS = 50;

/** What a commit watch found: commit delays, how many updates were committed, and when the last one was. */
export type CommitFigures = {
  delays: HistogramData;
  committed: number;
  /** Sent updates never seen committed before the watch stopped. */
  uncommitted: number;
  lastCommitAtMs: number;
  /** What the delay is measured from, for the report. */
  measuredFrom: string;
};

/** A running observation of a server's committed updates; `stop` turns it into figures. */
export type CommitWatch = { stop(sends: readonly SendRecord[]): Promise<CommitFigures> };

/**
 * Watches commits from the database itself where it can be read alongside the server: Yipan's
 * `doc_updates` rows (created when the server received the update; seen when committed) and
 * Hocuspocus' `documents` rows (whose state vector shows which sent updates they hold). The reference
 * server's LevelDB is locked by its process, which times its own writes (see peers/reference.ts).
 */
export async function watchCommits(server: ServerHandle): Promise<CommitWatch> {
  if (server.kind === 'yipan' && server.databaseFile) return watchYipan(server.databaseFile);
  if (server.kind === 'hocuspocus' && server.databaseFile) return watchHocuspocus(server.databaseFile);
  await server.probe('read');
  return {
    stop: async (sends) => {
      const reply = await server.probe('read');
      const delays = emptyHistogram();
      for (const delay of reply.commits?.delaysMs ?? []) record(delays, delay);
      const committed = reply.commits?.count ?? 0;
      return {
        delays,
        committed,
        uncommitted: Math.max(0, sends.length - committed),
        lastCommitAtMs: reply.commits?.lastCommitAtMs ?? 0,
        measuredFrom: 'LevelDB put call to completion, timed in the server process (no fsync)',
      };
    },
  };
}

function watchYipan(file: string): CommitWatch {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const last = db.prepare('SELECT coalesce(max(id), 0) AS id FROM doc_updates').get() as { id: number };
  const rows = db.prepare('SELECT id, created_at AS createdAt FROM doc_updates WHERE id > ? ORDER BY id');
  let lastId = last.id;
  const delays = emptyHistogram();
  let committed = 0;
  let lastCommitAtMs = 0;
  const poll = (): void => {
    const seen = rows.all(lastId) as { id: number; createdAt: number }[];
    const now = Date.now();
    for (const row of seen) {
      record(delays, now - row.createdAt);
      committed += 1;
      lastId = row.id;
      lastCommitAtMs = now;
    }
  };
  const timer = setInterval(poll, YIPAN_POLL_MS);
  return {
    stop: (sends) => {
      clearInterval(timer);
      poll();
      db.close();
      return Promise.resolve({
        delays,
        committed,
        uncommitted: Math.max(0, sends.length - committed),
        lastCommitAtMs,
        measuredFrom: `receipt (the row's created_at) to the row being visible in the SQLite file (polled every ${YIPAN_POLL_MS} ms)`,
      });
    },
  };
}

type Stored = { atMs: number; vector: Map<number, number> };

function watchHocuspocus(file: string): CommitWatch {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const documents = db.prepare('SELECT name, data FROM documents');
  const timelines = new Map<string, Stored[]>();
  const lengths = new Map<string, number>();
  const poll = (): void => {
    const now = Date.now();
    for (const row of documents.all() as { name: string; data: Buffer }[]) {
      if (lengths.get(row.name) === row.data.length) continue;
      lengths.set(row.name, row.data.length);
      const vector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(row.data));
      const timeline = timelines.get(row.name) ?? [];
      timeline.push({ atMs: now, vector });
      timelines.set(row.name, timeline);
    }
  };
  poll();
  const timer = setInterval(poll, HOCUSPOCUS_POLL_MS);
  return {
    stop: (sends) => {
      clearInterval(timer);
      poll();
      db.close();
      const delays = emptyHistogram();
      let committed = 0;
      let lastCommitAtMs = 0;
      for (const [docName, clientId, clock, sentAtMs] of sends) {
        const stored = timelines
          .get(docName)
          ?.find((entry) => (entry.vector.get(clientId) ?? 0) >= clock && entry.atMs >= sentAtMs);
        if (!stored) continue;
        committed += 1;
        record(delays, stored.atMs - sentAtMs);
        lastCommitAtMs = Math.max(lastCommitAtMs, stored.atMs);
      }
      return Promise.resolve({
        delays,
        committed,
        uncommitted: sends.length - committed,
        lastCommitAtMs,
        measuredFrom: `send (≈ receipt on loopback) to a stored state holding the update (polled every ${HOCUSPOCUS_POLL_MS} ms)`,
      });
    },
  };
}
