import { useCallback, useMemo } from 'react';
import { parseView, viewParams, type BoardView } from '@yipan/domain';
import { navigate, useLocationSearch } from '../routing/useRoute';

/** The view a URL query describes. */
function viewOf(search: string): BoardView {
  return parseView(new URLSearchParams(search));
}

/**
 * The board's view, kept in the URL query: a link shares it and a reload keeps it. Changes replace the
 * history entry (a search typed letter by letter is not a trail of pages to go back through).
 */
export function useBoardView(): [BoardView, (patch: Partial<BoardView>) => void] {
  const search = useLocationSearch();
  const view = useMemo(() => viewOf(search), [search]);
  const update = useCallback((patch: Partial<BoardView>) => {
    const next = { ...viewOf(window.location.search), ...patch };
    if (next.lanes === next.group) next.lanes = null;
    const query = new URLSearchParams(viewParams(next)).toString();
    navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, { replace: true });
  }, []);
  return [view, update];
}
