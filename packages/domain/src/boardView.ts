import { z } from 'zod';
import { lazySchema } from './lazySchema';

/** The topic fields a board can be split by, as columns or as swimlanes. */
export const VIEW_FIELDS = [
  'month',
  'session',
  'method',
  'leadCommittee',
  'supervisedBody',
  'status',
] as const;
/** A field a board view splits or filters by. */
export const ViewField = lazySchema(() => z.enum(VIEW_FIELDS));
export type ViewField = z.infer<typeof ViewField>;

/** 看板 or 表格. */
export const BoardViewMode = lazySchema(() => z.enum(['board', 'table']));
export type BoardViewMode = z.infer<typeof BoardViewMode>;

/** The sortable columns of the table view. */
export const TABLE_SORT_KEYS = [
  'order',
  'title',
  'method',
  'schedule',
  'leadCommittee',
  'reportingUnit',
  'supervisedBody',
  'status',
] as const;
/** A sortable column of the table view (`schedule` is month, then session). */
export const TableSortKey = lazySchema(() => z.enum(TABLE_SORT_KEYS));
export type TableSortKey = z.infer<typeof TableSortKey>;
/** Sort direction, named as antd's Table names it. */
export const TableSortDirection = lazySchema(() => z.enum(['ascend', 'descend']));
export type TableSortDirection = z.infer<typeof TableSortDirection>;
/** The table's sort; null keeps plan order. */
export type TableSort = { key: TableSortKey; direction: TableSortDirection } | null;

/** Selected values of each field (the keys of its columns; `unscheduled` for no value); an empty list filters nothing. */
export type ViewFilters = Record<ViewField, readonly string[]>;

/** Everything that makes a view of the board: kept in the URL so that it can be shared and survives reload. */
export type BoardView = {
  group: ViewField;
  lanes: ViewField | null;
  filters: ViewFilters;
  query: string;
  mode: BoardViewMode;
  sort: TableSort;
};

/** Longest search text kept in a URL: far above any title, short enough for any address bar. */
export const VIEW_QUERY_MAX = 200;
/** Most values of one filter read from a URL: more than any field has (12 months, 22 methods, the committees). */
const FILTER_VALUES_MAX = 100;
/** A filter value: a month or session number, a method or body id, a committee name, a status. */
const FilterValue = lazySchema(() => z.string().min(1).max(VIEW_QUERY_MAX));

/** No filter on any field. */
export const NO_FILTERS: ViewFilters = {
  month: [],
  session: [],
  method: [],
  leadCommittee: [],
  supervisedBody: [],
  status: [],
};

/** The board as it opens: by month, no lanes, no filters. */
export const DEFAULT_VIEW: BoardView = {
  group: 'month',
  lanes: null,
  filters: NO_FILTERS,
  query: '',
  mode: 'board',
  sort: null,
};

/** The URL query parameter of each part of a view; filters use the field names themselves. */
const PARAM = { group: 'group', lanes: 'lanes', query: 'q', mode: 'view', sort: 'sort', order: 'order' };

/** The part of `URLSearchParams` a view is read from (the domain package is compiled without the DOM). */
export type ViewParams = { get(name: string): string | null; getAll(name: string): string[] };

/** Reads a view from a URL's query parameters, ignoring whatever is not valid (an old or hand-edited link still opens). */
export function parseView(params: ViewParams): BoardView {
  const read = <T>(schema: z.ZodType<T>, name: string, fallback: T): T => {
    const parsed = schema.safeParse(params.get(name));
    return parsed.success ? parsed.data : fallback;
  };
  const group = read(ViewField, PARAM.group, DEFAULT_VIEW.group);
  const lanes = read(ViewField.nullable(), PARAM.lanes, null);
  const valuesOf = (field: ViewField) =>
    [...new Set(params.getAll(field).filter((value) => FilterValue.safeParse(value).success))].slice(
      0,
      FILTER_VALUES_MAX,
    );
  const filters: ViewFilters = {
    month: valuesOf('month'),
    session: valuesOf('session'),
    method: valuesOf('method'),
    leadCommittee: valuesOf('leadCommittee'),
    supervisedBody: valuesOf('supervisedBody'),
    status: valuesOf('status'),
  };
  const sortKey = read(TableSortKey.nullable(), PARAM.sort, null);
  return {
    group,
    lanes: lanes === group ? null : lanes,
    filters,
    query: (params.get(PARAM.query) ?? '').slice(0, VIEW_QUERY_MAX),
    mode: read(BoardViewMode, PARAM.mode, DEFAULT_VIEW.mode),
    sort: sortKey ? { key: sortKey, direction: read(TableSortDirection, PARAM.order, 'ascend') } : null,
  };
}

/** The URL query parameters of a view, naming only what differs from the default (none for the default). */
export function viewParams(view: BoardView): [string, string][] {
  const params: [string, string][] = [];
  if (view.group !== DEFAULT_VIEW.group) params.push([PARAM.group, view.group]);
  if (view.lanes && view.lanes !== view.group) params.push([PARAM.lanes, view.lanes]);
  for (const field of VIEW_FIELDS) for (const value of view.filters[field]) params.push([field, value]);
  if (view.query) params.push([PARAM.query, view.query]);
  if (view.mode !== DEFAULT_VIEW.mode) params.push([PARAM.mode, view.mode]);
  if (view.sort) params.push([PARAM.sort, view.sort.key], [PARAM.order, view.sort.direction]);
  return params;
}

/** How many filter values are selected over all fields. */
export function filterCount(filters: ViewFilters): number {
  return VIEW_FIELDS.reduce((sum, field) => sum + filters[field].length, 0);
}
