import { useCallback, useEffect, useState } from 'react';
import { createStore, useStore } from '../collab/createStore';
import { fetchJson, type Parser } from './fetchJson';

/** The state of one GET request. */
export type RequestState<T> = {
  data: T | null;
  error: Error | null;
  /** Nothing to show yet: the first answer for this URL is on its way. */
  loading: boolean;
  /** A request is on its way, possibly a reload while the previous answer is still shown. */
  fetching: boolean;
  reload: () => void;
};

/** Bumped when what the user may see changed (role changed, plan status changed): every request refetches. */
const epoch = createStore(0);

/** Refetches every request on screen, keeping what they show until the new answer arrives. */
export function invalidateRequests(): void {
  epoch.set(epoch.get() + 1);
}

/**
 * GETs started in the current task, by parser and URL. Components that ask for the same thing in one commit
 * (e.g. three views of one plan re-reading on the same socket event) share one request. An entry lives only
 * until the task ends, so a read asked for after a change never joins a read that started before it.
 */
const startedThisTask = new WeakMap<Parser<unknown>, Map<string, Promise<unknown>>>();

function sharedGet<T>(url: string, parser: Parser<T>): Promise<T> {
  let byUrl = startedThisTask.get(parser);
  if (!byUrl) {
    byUrl = new Map();
    startedThisTask.set(parser, byUrl);
  }
  const started = byUrl.get(url) as Promise<T> | undefined;
  if (started) return started;
  const request = fetchJson(url, parser);
  byUrl.set(url, request);
  const entries = byUrl;
  setTimeout(() => entries.delete(url), 0);
  return request;
}

/** GETs and validates `url` whenever it changes (null: nothing to fetch); stale answers are discarded. */
export function useRequest<T>(url: string | null, parser: Parser<T>): RequestState<T> {
  const [state, setState] = useState<{ url: string | null; data: T | null; error: Error | null }>({
    url: null,
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const [fetching, setFetching] = useState(false);
  const generation = useStore(epoch);
  useEffect(() => {
    if (url === null) return;
    // Not aborted when left: the request may be shared; its answer is only ignored here.
    let left = false;
    setFetching(true);
    sharedGet(url, parser).then(
      (data) => {
        if (left) return;
        setState({ url, data, error: null });
        setFetching(false);
      },
      (error: unknown) => {
        if (left) return;
        setState({ url, data: null, error: error instanceof Error ? error : new Error(String(error)) });
        setFetching(false);
      },
    );
    return () => {
      left = true;
    };
  }, [url, parser, attempt, generation]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = url !== null && state.url === url;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: url !== null && (!current || (state.data === null && state.error === null)),
    fetching: url !== null && fetching,
    reload,
  };
}
