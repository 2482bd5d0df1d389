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
    const controller = new AbortController();
    setFetching(true);
    fetchJson(url, parser, controller.signal).then(
      (data) => {
        setState({ url, data, error: null });
        setFetching(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ url, data: null, error: error instanceof Error ? error : new Error(String(error)) });
        setFetching(false);
      },
    );
    return () => controller.abort();
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
