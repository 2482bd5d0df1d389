import { useCallback, useEffect, useState } from 'react';
import { fetchJson, type Parser } from './fetchJson';

/** The state of one GET request. */
export type RequestState<T> = { data: T | null; error: Error | null; loading: boolean; reload: () => void };

/** GETs and validates `url` whenever it changes (null: nothing to fetch); stale answers are discarded. */
export function useRequest<T>(url: string | null, parser: Parser<T>): RequestState<T> {
  const [state, setState] = useState<{ url: string | null; data: T | null; error: Error | null }>({
    url: null,
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    fetchJson(url, parser, controller.signal).then(
      (data) => setState({ url, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ url, data: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [url, parser, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = url !== null && state.url === url;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: url !== null && (!current || (state.data === null && state.error === null)),
    reload,
  };
}
