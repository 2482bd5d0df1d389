import { lazy, type ComponentType } from 'react';

/** A page loaded on demand that can also be fetched ahead of its first render. */
export type LazyPage<P> = {
  Page: ComponentType<P>;
  /** Starts loading the page's code (once); a later render then does not suspend. */
  preload: () => Promise<unknown>;
};

/**
 * Like React.lazy, plus `preload`. A page opened by its URL starts loading with the app instead of after
 * sign-in is known; once its module is here, the first render uses it synchronously (a thenable that
 * resolves at once), so React neither shows the fallback nor holds the page back behind it.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: { default: ComponentType<P> } | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (loading ??= load().then((component) => {
      loaded = { default: component };
      return loaded;
    }));
  const Page = lazy(() => {
    const ready = loaded;
    if (!ready) return preload();
    const now = { then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve(ready) };
    return now as unknown as Promise<{ default: ComponentType<P> }>;
  });
  return { Page, preload };
}
