import { useCallback, useEffect, useState } from 'react';
import { AlignmentResponse } from '@yipan/protocol';
import { fetchJson } from '../api/fetchJson';
import { alignmentPaths } from './alignmentApi';
import { alignmentRevision } from './alignmentEvents';

/** The matrix of one plan as the page holds it. */
export type MatrixRequest = {
  data: AlignmentResponse | null;
  /** The last read failed; `data` (if any) is the answer before it. */
  error: Error | null;
  /** A read is on its way (the first, or a refresh behind the matrix on screen). */
  fetching: boolean;
  reload: () => void;
};

type Held = { planId: string; data: AlignmentResponse | null; error: Error | null };

/** How long a read started by the 一盘棋 button may stand in for the page's first read. */
const PREFETCH_FRESH_MS = 5_000;

/** A read started on the way to the page. */
type Prefetch = {
  planId: string;
  at: number;
  /** A `plan:alignment` after this means the prefetched answer may predate the change. */
  revision: number;
  response: Promise<AlignmentResponse>;
  /** The answer once it has arrived: the page's first render can then show the matrix at once. */
  data: AlignmentResponse | null;
  /** The page has it: not to be taken again, but still a reason not to read again so soon. */
  taken: boolean;
};

/** The read started on the way to the page, taken by the page's first read (one-shot). */
let prefetched: Prefetch | null = null;

/** The prefetched read of this plan, if it is recent enough to stand in for a new one. */
function freshPrefetch(planId: string) {
  const entry = prefetched;
  return entry?.planId === planId &&
    entry.revision === alignmentRevision.get() &&
    Date.now() - entry.at < PREFETCH_FRESH_MS
    ? entry
    : null;
}

/**
 * Starts reading a plan's matrix before its page is on screen: the page's code loads on demand, and the
 * read then runs alongside instead of after it. Several callers on the way to the page may ask (the
 * earliest asks first): a fresh read of the same plan is not repeated.
 */
export function prefetchMatrix(planId: string): void {
  if (freshPrefetch(planId)) return;
  const response = fetchJson(alignmentPaths.alignment(planId), AlignmentResponse);
  const entry: Prefetch = {
    planId,
    at: Date.now(),
    revision: alignmentRevision.get(),
    response,
    data: null,
    taken: false,
  };
  // A failed prefetch (signed out on a deep link, offline) must not stand in for the page's read: forgotten,
  // so the page reads again (after signing in, say).
  response.then(
    (data) => {
      entry.data = data;
    },
    () => {
      if (prefetched === entry && !entry.taken) prefetched = null;
    },
  );
  prefetched = entry;
}

/** The prefetched answer of this plan if it has arrived and is fresh; it stays to be taken by the first read. */
function arrivedPrefetch(planId: string): AlignmentResponse | null {
  const entry = freshPrefetch(planId);
  return entry && !entry.taken ? entry.data : null;
}

/** The prefetched read of this plan if it is fresh, once. */
function takePrefetched(planId: string): Prefetch | null {
  const entry = freshPrefetch(planId);
  if (!entry || entry.taken) return null;
  entry.taken = true;
  return entry;
}

/**
 * Reads `GET /api/plans/:planId/alignment` and again on every `plan:alignment` bump, keeping the matrix on
 * screen meanwhile. Bumps during a read are coalesced into one more read after it, never an abort: every
 * edit of any child plan bumps, and aborting on each would starve the page while twenty counties type.
 */
export function useMatrixRequest(planId: string): MatrixRequest {
  // An answer prefetched while the page's code loaded is shown by the first render, not one render later.
  const [held, setHeld] = useState<Held>(() => ({ planId, data: arrivedPrefetch(planId), error: null }));
  const [fetching, setFetching] = useState(() => arrivedPrefetch(planId) === null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let inFlight = false;
    let again = false;
    const read = (first = false) => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      const prefetch = first ? takePrefetched(planId) : null;
      // Already on screen since the first render (see the state above): no spinner, no second render.
      if (prefetch?.data) {
        const data = prefetch.data;
        setHeld((previous) =>
          previous.planId === planId && previous.data === data ? previous : { planId, data, error: null },
        );
        inFlight = false;
        setFetching(false);
        return;
      }
      setFetching(true);
      const response =
        prefetch?.response ??
        fetchJson(alignmentPaths.alignment(planId), AlignmentResponse, controller.signal);
      response
        .then(
          (data) => {
            if (!controller.signal.aborted) setHeld({ planId, data, error: null });
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            const failure = error instanceof Error ? error : new Error(String(error));
            setHeld((previous) => ({
              planId,
              data: previous.planId === planId ? previous.data : null,
              error: failure,
            }));
          },
        )
        .finally(() => {
          inFlight = false;
          if (controller.signal.aborted) return;
          if (again) {
            again = false;
            read();
          } else setFetching(false);
        });
    };
    read(true);
    const unsubscribe = alignmentRevision.subscribe(() => read());
    return () => {
      unsubscribe();
      controller.abort();
    };
  }, [planId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = held.planId === planId;
  return {
    data: current ? held.data : null,
    error: current ? held.error : null,
    fetching,
    reload,
  };
}
