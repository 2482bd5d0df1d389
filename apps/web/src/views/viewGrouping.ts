import {
  Method,
  METHODS,
  MONTHS,
  SupervisedBody,
  SUPERVISED_BODIES,
  TOPIC_STATUSES,
  TopicFields,
  UNSCHEDULED,
  type BoardColumn,
  type BoardView,
  type Topic,
  type TopicStatus,
  type ViewField,
} from '@yipan/domain';

/**
 * The pure half of the board's views: which column and lane a topic falls in, which topics a view shows,
 * what dropping a card in a cell writes. Kept free of React so that 500 topics group in one cheap pass
 * and every rule is unit-tested.
 */

/** The column of topics without a value (未安排 / 未指定); `unscheduled` as the month board always called it. */
export const EMPTY_KEY = UNSCHEDULED;

/** What grouping needs beyond the topics: their derived status and the organisation's own lists. */
export type ViewContext = {
  statusOf: StatusOf;
  /** The organisation's committees, in its order: each gets a column even before it has a topic. */
  committees: readonly string[];
  /** The bodies the organisation supervises (a township: the government only). */
  supervisedBodies: readonly SupervisedBody[];
};

/** How a topic's status is found: only asked for when a view needs it (it reads the topic's steps). */
export type StatusOf = (topicId: string) => TopicStatus;

/** The key of the column (or lane) a topic falls in under a field. */
export function fieldKey(topic: Topic, field: ViewField, statusOf: StatusOf): string {
  switch (field) {
    case 'month':
      return topic.month === null ? EMPTY_KEY : String(topic.month);
    case 'session':
      return topic.session === null ? EMPTY_KEY : String(topic.session);
    case 'method':
      return topic.method;
    case 'leadCommittee':
      return topic.leadCommittee || EMPTY_KEY;
    case 'supervisedBody':
      return topic.supervisedBody;
    case 'status':
      return statusOf(topic.id);
  }
}

/** The words of a search: split on spaces, Latin letters folded to lower case; Chinese is matched as typed. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/u).filter(Boolean);
}

/** The texts a search looks in: title, notes, reporting unit and lead committee. */
function searchableTexts(topic: Topic): string[] {
  return [topic.title, topic.notes, topic.reportingUnit, topic.leadCommittee];
}

/** Whether every term is a substring of one of the topic's searchable texts. */
export function matchesSearch(topic: Topic, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const texts = searchableTexts(topic).map((text) => text.toLowerCase());
  return terms.every((term) => texts.some((text) => text.includes(term)));
}

/**
 * The topics a view shows: every field's filter (any of its values) and the search must match. Archived
 * topics only show when the status filter asks for them.
 */
export function filterTopics(
  topics: readonly Topic[],
  view: Pick<BoardView, 'filters' | 'query'>,
  statusOf: StatusOf,
): Topic[] {
  const terms = searchTerms(view.query);
  const active = (Object.keys(view.filters) as ViewField[]).filter((field) => view.filters[field].length > 0);
  const showArchived = view.filters.status.includes('archived');
  return topics.filter((topic) => {
    if (topic.archived && !showArchived) return false;
    if (!active.every((field) => view.filters[field].includes(fieldKey(topic, field, statusOf))))
      return false;
    return matchesSearch(topic, terms);
  });
}

/** Distinct values of a field among topics, in first-seen order. */
function keysInUse(topics: readonly Topic[], field: ViewField, ctx: ViewContext): Set<string> {
  return new Set(topics.map((topic) => fieldKey(topic, field, ctx.statusOf)));
}

/**
 * The columns (or lanes) of a field, in the order a planner reads them: the empty value first, then months,
 * sessions by number, methods and bodies in glossary order, the organisation's committees in its order
 * (then any other committee a topic names). Months and committees show even when empty, so there is
 * somewhere to drop; with a filter on the field only the selected values show.
 */
export function fieldKeys(
  field: ViewField,
  topics: readonly Topic[],
  ctx: ViewContext,
  selected: readonly string[] = [],
): string[] {
  const used = keysInUse(topics, field, ctx);
  let keys: string[];
  switch (field) {
    case 'month':
      keys = [EMPTY_KEY, ...MONTHS.map(String)];
      break;
    case 'session':
      keys = [
        EMPTY_KEY,
        ...[...used].filter((key) => key !== EMPTY_KEY).sort((a, b) => Number(a) - Number(b)),
      ];
      break;
    case 'method':
      keys = METHODS.filter((method) => used.has(method));
      break;
    case 'leadCommittee':
      keys = [...new Set([EMPTY_KEY, ...ctx.committees, ...used])];
      break;
    case 'supervisedBody':
      keys = SUPERVISED_BODIES.filter((body) => ctx.supervisedBodies.includes(body) || used.has(body));
      break;
    case 'status':
      keys = TOPIC_STATUSES.filter((status) => status !== 'archived' || used.has(status));
      break;
  }
  if (selected.length === 0) return keys;
  // A value filtered for but not in use still gets its (empty) column, if it can be a value at all.
  const extra = selected.filter((key) => !keys.includes(key) && isPossibleKey(field, key));
  return [...keys.filter((key) => selected.includes(key)), ...extra];
}

/** Whether a key (e.g. from a hand-edited link) can be a value of the field. */
function isPossibleKey(field: ViewField, key: string): boolean {
  switch (field) {
    case 'session':
      return key === EMPTY_KEY || TopicFields.shape.session.safeParse(Number(key)).success;
    case 'leadCommittee':
      return true;
    default:
      // Months, methods, bodies and statuses are all in the base columns already.
      return false;
  }
}

/** One cell of the board: a column within a lane (the lane is null without swimlanes). */
export type ViewCell = BoardColumn & { lane: string | null; column: string };
/** One swimlane with its cells; a board without swimlanes is one lane with a null key. */
export type ViewLane = { key: string | null; cells: ViewCell[] };

/** The drag-and-drop key of a cell: the column key alone without swimlanes, so month columns keep their ids. */
export function cellKey(lane: string | null, column: string): string {
  return lane === null ? column : JSON.stringify([lane, column]);
}

/**
 * Lays the (already filtered) topics out in lanes and columns, keeping their board order within each
 * cell. Lanes show only where there are topics, or when their value is filtered for. With `onlyUsed`
 * (a search or filter narrowed the board) empty columns go too, so what was found is in sight.
 */
export function groupView(
  topics: readonly Topic[],
  view: Pick<BoardView, 'group' | 'lanes' | 'filters'>,
  ctx: ViewContext,
  { onlyUsed = false }: { onlyUsed?: boolean } = {},
): ViewLane[] {
  const selected = view.filters[view.group];
  const used = onlyUsed ? keysInUse(topics, view.group, ctx) : null;
  const columns = fieldKeys(view.group, topics, ctx, selected).filter(
    (key) => !used || used.has(key) || selected.includes(key),
  );
  const laneField = view.lanes && view.lanes !== view.group ? view.lanes : null;
  const laneKeys: (string | null)[] = laneField
    ? fieldKeys(laneField, topics, ctx, view.filters[laneField]).filter(
        (key) =>
          view.filters[laneField].includes(key) ||
          topics.some((topic) => fieldKey(topic, laneField, ctx.statusOf) === key),
      )
    : [null];
  const cells = new Map<string, ViewCell>();
  const lanes = laneKeys.map((lane) => ({
    key: lane,
    cells: columns.map((column) => {
      const cell: ViewCell = { key: cellKey(lane, column), lane, column, topics: [] };
      cells.set(cell.key, cell);
      return cell;
    }),
  }));
  for (const topic of topics) {
    const lane = laneField ? fieldKey(topic, laneField, ctx.statusOf) : null;
    cells.get(cellKey(lane, fieldKey(topic, view.group, ctx.statusOf)))?.topics.push(topic);
  }
  return lanes;
}

/** Whether dragging a card can mean something: not when a status (derived from steps) is a column or lane. */
export function canDragIn(view: Pick<BoardView, 'group' | 'lanes'>): boolean {
  return view.group !== 'status' && view.lanes !== 'status';
}

/** The field change that dropping a card in a column of a field means; null when it means none. */
export function dropPatch(field: ViewField, key: string): Partial<TopicFields> | null {
  switch (field) {
    case 'month':
    case 'session': {
      const value = TopicFields.shape[field].safeParse(key === EMPTY_KEY ? null : Number(key));
      return value.success ? { [field]: value.data } : null;
    }
    case 'method': {
      const method = Method.safeParse(key);
      return method.success ? { method: method.data } : null;
    }
    case 'leadCommittee':
      return { leadCommittee: key === EMPTY_KEY ? '' : key };
    case 'supervisedBody': {
      const body = SupervisedBody.safeParse(key);
      return body.success ? { supervisedBody: body.data } : null;
    }
    case 'status':
      return null;
  }
}

/** What dropping a card in a cell writes: the column's field, and within swimlanes the lane's too. */
export function cellPatch(
  view: Pick<BoardView, 'group' | 'lanes'>,
  cell: Pick<ViewCell, 'lane' | 'column'>,
): Partial<TopicFields> | null {
  const column = dropPatch(view.group, cell.column);
  if (!column) return null;
  if (!view.lanes || cell.lane === null) return column;
  const lane = dropPatch(view.lanes, cell.lane);
  return lane ? { ...lane, ...column } : null;
}
