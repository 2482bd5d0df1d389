import { useSyncExternalStore } from 'react';

/** The one route the app has besides the start page: a plan's board, linkable and reload-safe. */
export type Route = { planId: string | null };

const NAVIGATE_EVENT = 'yipan:navigate';
const PLAN_PATH = /^\/plans\/([A-Za-z0-9_-]{1,64})\/?$/;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

/** The URL of a plan's board. */
export function planPath(planId: string): string {
  return `/plans/${encodeURIComponent(planId)}`;
}

/** Pushes a new URL into the history and tells every `useRoute` about it. */
export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current route, parsed from `location.pathname` and kept in step with back/forward. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  return { planId: PLAN_PATH.exec(path)?.[1] ?? null };
}
