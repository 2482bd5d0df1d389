import { useSyncExternalStore } from 'react';

/** A tiny external store for `useSyncExternalStore`: a value, a setter and change listeners. */
export type Store<T> = {
  get: () => T;
  set: (next: T) => void;
  subscribe: (listener: () => void) => () => void;
};

/** Creates a store; `equal` decides when a new value is no change (default: identity). */
export function createStore<T>(initial: T, equal: (a: T, b: T) => boolean = Object.is): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next) => {
      if (equal(value, next)) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Reads a store in a component and re-renders on its changes. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Reads one entry of a keyed store: the component re-renders only when that entry changes. */
export function useStoreEntry<K, V>(
  store: Pick<Store<ReadonlyMap<K, V>>, 'get' | 'subscribe'>,
  key: K,
): V | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get().get(key));
}
