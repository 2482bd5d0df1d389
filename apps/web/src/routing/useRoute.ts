import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './routes';

export {
  adminPath,
  alignmentPath,
  dashboardPath,
  followUpPath,
  loginPath,
  meetingPath,
  meetingsPath,
  planPath,
  planTopicPath,
  topicIdOfHash,
  type AdminTab,
  type MeetingView,
  type Route,
} from './routes';

const NAVIGATE_EVENT = 'yipan:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** Path plus query: what `next=` must bring the user back to after signing in. */
export const currentLocation = () => `${window.location.pathname}${window.location.search}`;

/** Pushes (or replaces) a URL in the history and tells every `useRoute` about it. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === currentLocation()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current query (`?…` or ''), kept in step with navigation: a board view keeps its state there. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** The current hash (`#…` or ''), kept in step with navigation: a link to a topic of the open plan sets it. */
export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/** Drops the hash without a navigation: a topic link's `#topic=` has done its work once the drawer is open. */
export function dropLocationHash(): void {
  if (window.location.hash) window.history.replaceState(window.history.state, '', currentLocation());
}

/** The current route, parsed from the location and kept in step with back/forward. */
export function useRoute(): Route {
  const location = useSyncExternalStore(subscribe, currentLocation);
  return parseRoute(location);
}
