import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, TOPIC_DEFAULTS, type BoardView, type Topic, type TopicStatus } from '@yipan/domain';
import {
  canDragIn,
  cellKey,
  cellPatch,
  EMPTY_KEY,
  fieldKeys,
  filterTopics,
  groupView,
  matchesSearch,
  searchTerms,
  type ViewContext,
} from './viewGrouping';

let next = 0;
function topic(fields: Partial<Topic>): Topic {
  next += 1;
  return {
    ...TOPIC_DEFAULTS,
    id: `t${next}`,
    order: `a${next}`,
    archived: false,
    createdAt: 0,
    createdBy: '',
    notes: '',
    ...fields,
  };
}

const cityCourt = topic({
  title: '听取和审议市中级人民法院关于解决“执行难”工作情况的报告',
  method: 'special_report',
  supervisedBody: 'court',
  leadCommittee: '监察和司法委',
  reportingUnit: '市中级人民法院',
  month: 6,
  session: 3,
  notes: '省、市、县三级人大联动监督。',
});
const countyCourt = topic({
  title: '县法院执行工作',
  method: 'special_report',
  supervisedBody: 'court',
  leadCommittee: '监察和司法委',
  month: 6,
});
const village = topic({
  title: '《乡村振兴促进法》实施情况执法检查',
  method: 'law_inspection',
  leadCommittee: '农业与农村委',
  month: 9,
  notes: '各县区同步检查本行政区域实施情况。',
});
const business = topic({
  title: 'Optimising the BUSINESS environment',
  method: 'special_report',
  reportingUnit: '市发展改革委',
  month: null,
  session: null,
});
const archived = topic({ title: '老旧小区改造', archived: true, month: 6 });
const all = [cityCourt, countyCourt, village, business, archived];

const statuses = new Map<string, TopicStatus>([
  [cityCourt.id, 'in_progress'],
  [archived.id, 'archived'],
]);
const ctx: ViewContext = {
  statusOf: (id) => statuses.get(id) ?? 'not_started',
  committees: ['财经委', '监察和司法委', '农业与农村委'],
  supervisedBodies: ['gov', 'supervisory_commission', 'court', 'procuratorate'],
};

function view(patch: Partial<BoardView>): BoardView {
  return { ...DEFAULT_VIEW, ...patch, filters: { ...DEFAULT_VIEW.filters, ...patch.filters } };
}
const titles = (topics: readonly Topic[]) => topics.map((t) => t.title);

describe('board search', () => {
  it('matches Chinese substrings anywhere in a title', () => {
    const found = filterTopics(all, view({ query: '执行' }), ctx.statusOf);
    expect(titles(found)).toEqual([cityCourt.title, countyCourt.title]);
    expect(matchesSearch(cityCourt, searchTerms('执行难'))).toBe(true);
    expect(matchesSearch(countyCourt, searchTerms('执行难'))).toBe(false);
  });

  it('matches notes, reporting unit and lead committee, and Latin text whatever its case', () => {
    expect(titles(filterTopics(all, view({ query: '本行政区域' }), ctx.statusOf))).toEqual([village.title]);
    expect(titles(filterTopics(all, view({ query: '发展改革' }), ctx.statusOf))).toEqual([business.title]);
    expect(titles(filterTopics(all, view({ query: '农业与农村' }), ctx.statusOf))).toEqual([village.title]);
    expect(titles(filterTopics(all, view({ query: 'business' }), ctx.statusOf))).toEqual([business.title]);
  });

  it('needs every word of a search to match', () => {
    expect(titles(filterTopics(all, view({ query: '执行  中级' }), ctx.statusOf))).toEqual([cityCourt.title]);
  });
});

describe('board filters', () => {
  it('hides archived topics unless the status filter asks for them', () => {
    expect(titles(filterTopics(all, view({}), ctx.statusOf))).not.toContain(archived.title);
    const onlyArchived = view({ filters: { ...DEFAULT_VIEW.filters, status: ['archived'] } });
    expect(titles(filterTopics(all, onlyArchived, ctx.statusOf))).toEqual([archived.title]);
  });

  it('combines fields (all must match) and values of one field (any may match)', () => {
    const courtsInJune = view({
      filters: { ...DEFAULT_VIEW.filters, month: ['6', '9'], supervisedBody: ['court'] },
    });
    expect(titles(filterTopics(all, courtsInJune, ctx.statusOf))).toEqual([
      cityCourt.title,
      countyCourt.title,
    ]);
    const startedCourts = view({
      filters: { ...DEFAULT_VIEW.filters, supervisedBody: ['court'], status: ['in_progress'] },
      query: '执行',
    });
    expect(titles(filterTopics(all, startedCourts, ctx.statusOf))).toEqual([cityCourt.title]);
  });

  it('filters for empty values through the empty column key', () => {
    const unscheduled = view({ filters: { ...DEFAULT_VIEW.filters, month: [EMPTY_KEY] } });
    expect(titles(filterTopics(all, unscheduled, ctx.statusOf))).toEqual([business.title]);
  });
});

describe('board grouping', () => {
  const live = all.filter((t) => !t.archived);

  it('puts topics without a lead committee in an empty-value column, before the organisation’s committees', () => {
    const [lane] = groupView(live, view({ group: 'leadCommittee' }), ctx);
    expect(lane?.cells.map((cell) => cell.column)).toEqual([
      EMPTY_KEY,
      '财经委',
      '监察和司法委',
      '农业与农村委',
    ]);
    expect(titles(lane?.cells[0]?.topics ?? [])).toEqual([business.title]);
    expect(titles(lane?.cells[2]?.topics ?? [])).toEqual([cityCourt.title, countyCourt.title]);
  });

  it('shows the sessions in use in number order, after the unscheduled column', () => {
    expect(fieldKeys('session', live, ctx)).toEqual([EMPTY_KEY, '3']);
  });

  it('shows only the selected columns when the grouped field is filtered', () => {
    const lawOnly = view({
      group: 'method',
      filters: { ...DEFAULT_VIEW.filters, method: ['law_inspection'] },
    });
    const shown = filterTopics(live, lawOnly, ctx.statusOf);
    expect(groupView(shown, lawOnly, ctx)[0]?.cells.map((cell) => cell.column)).toEqual(['law_inspection']);
  });

  it('leaves out empty columns once a search has narrowed the board', () => {
    const searched = view({ group: 'leadCommittee', query: '执行' });
    const found = filterTopics(live, searched, ctx.statusOf);
    const [lane] = groupView(found, searched, ctx, { onlyUsed: true });
    expect(lane?.cells.map((cell) => cell.column)).toEqual(['监察和司法委']);
  });

  it('ignores filter values a hand-edited link made up, but keeps a filtered session without topics', () => {
    const odd = view({
      group: 'session',
      filters: { ...DEFAULT_VIEW.filters, session: ['3', '7', 'x', '1000'] },
    });
    expect(fieldKeys('session', live, ctx, odd.filters.session)).toEqual(['3', '7']);
    expect(fieldKeys('month', live, ctx, ['13', '6'])).toEqual(['6']);
    expect(cellPatch(view({ group: 'month' }), { lane: null, column: '13' })).toBeNull();
  });

  it('splits columns into swimlanes by a second field, lanes only where there are topics', () => {
    const lanes = groupView(live, view({ group: 'month', lanes: 'supervisedBody' }), ctx);
    expect(lanes.map((lane) => lane.key)).toEqual(['gov', 'court']);
    const court = lanes[1];
    const june = court?.cells.find((cell) => cell.column === '6');
    expect(june?.key).toBe(cellKey('court', '6'));
    expect(titles(june?.topics ?? [])).toEqual([cityCourt.title, countyCourt.title]);
    const govJune = lanes[0]?.cells.find((cell) => cell.column === '6');
    expect(govJune?.topics).toEqual([]);
  });

  it('groups 500 topics without reading a single step when no status is asked for', () => {
    const many = Array.from({ length: 500 }, (_, index) =>
      topic({ title: `议题${index}`, month: (index % 12) + 1, leadCommittee: ctx.committees[index % 3] }),
    );
    let reads = 0;
    const counting: ViewContext = { ...ctx, statusOf: (id) => (reads++, ctx.statusOf(id)) };
    const byMonth = view({ group: 'month', lanes: 'leadCommittee', query: '议题1' });
    const lanes = groupView(filterTopics(many, byMonth, counting.statusOf), byMonth, counting);
    expect(lanes.map((lane) => lane.key)).toEqual(['财经委', '监察和司法委', '农业与农村委']);
    expect(reads).toBe(0);
  });

  it('groups by derived status', () => {
    const [lane] = groupView(live, view({ group: 'status' }), ctx);
    expect(lane?.cells.map((cell) => [cell.column, cell.topics.length])).toEqual([
      ['not_started', 3],
      ['in_progress', 1],
      ['done', 0],
    ]);
  });
});

describe('dropping a card', () => {
  it('sets the grouped field, and within swimlanes the lane field too', () => {
    expect(cellPatch(view({ group: 'month' }), { lane: null, column: EMPTY_KEY })).toEqual({ month: null });
    expect(cellPatch(view({ group: 'leadCommittee' }), { lane: null, column: '财经委' })).toEqual({
      leadCommittee: '财经委',
    });
    expect(cellPatch(view({ group: 'session', lanes: 'method' }), { lane: 'visit', column: '4' })).toEqual({
      session: 4,
      method: 'visit',
    });
  });

  it('means nothing for status, which follows the steps', () => {
    expect(canDragIn(view({ group: 'status' }))).toBe(false);
    expect(canDragIn(view({ group: 'month', lanes: 'status' }))).toBe(false);
    expect(canDragIn(view({ group: 'month', lanes: 'method' }))).toBe(true);
    expect(cellPatch(view({ group: 'status' }), { lane: null, column: 'done' })).toBeNull();
  });
});
