import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  filterCount,
  parseView,
  viewParams,
  type BoardView,
  type ViewParams,
} from './boardView';

/** Query parameters as a URL holds them (the domain is compiled without the DOM's URLSearchParams). */
function paramsOf(entries: readonly [string, string][]): ViewParams {
  return {
    get: (name) => entries.find(([key]) => key === name)?.[1] ?? null,
    getAll: (name) => entries.filter(([key]) => key === name).map(([, value]) => value),
  };
}
const parseQuery = (query: string) =>
  parseView(
    paramsOf(
      query
        .split('&')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    ),
  );

describe('board view in the URL', () => {
  it('round-trips a view with lanes, filters, search, table mode and sort', () => {
    const view: BoardView = {
      group: 'leadCommittee',
      lanes: 'supervisedBody',
      filters: { ...DEFAULT_VIEW.filters, method: ['law_inspection', 'visit'], leadCommittee: ['财经委'] },
      query: '执行 难',
      mode: 'table',
      sort: { key: 'schedule', direction: 'descend' },
    };
    expect(parseView(paramsOf(viewParams(view)))).toEqual(view);
    expect(filterCount(view.filters)).toBe(3);
  });

  it('writes nothing for the default view and reads an empty query as the default', () => {
    expect(viewParams(DEFAULT_VIEW)).toEqual([]);
    expect(parseQuery('')).toEqual(DEFAULT_VIEW);
  });

  it('ignores invalid values of a hand-edited link, and lanes equal to the columns', () => {
    const view = parseQuery('group=colour&lanes=month&view=sheet&sort=size&order=up');
    expect(view).toEqual({ ...DEFAULT_VIEW, lanes: null });
    expect(parseQuery('group=method&lanes=method').lanes).toBeNull();
    expect(parseQuery('sort=title').sort).toEqual({ key: 'title', direction: 'ascend' });
  });
});
