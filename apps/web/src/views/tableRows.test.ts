import { describe, expect, it } from 'vitest';
import { TOPIC_DEFAULTS, type Topic } from '@yipan/domain';
import { sortRows, type TableRow } from './tableRows';

function row(index: number, fields: Partial<Topic>): TableRow {
  const topic: Topic = {
    ...TOPIC_DEFAULTS,
    id: `t${index}`,
    order: `a${index}`,
    archived: false,
    createdAt: 0,
    createdBy: '',
    notes: '',
    ...fields,
  };
  return { topic, index, status: 'not_started' };
}

const rows = [
  row(1, { title: '执行难', month: 6, leadCommittee: '监察和司法委' }),
  row(2, { title: '决算', month: 6, session: 2, leadCommittee: '财经委' }),
  row(3, { title: '营商环境', month: 8, leadCommittee: '财经委' }),
  row(4, { title: '学位建设', month: null, session: 5 }),
  row(5, { title: '未定议题', month: null, session: null }),
  row(6, { title: '安全生产', month: 11, method: 'law_inspection', leadCommittee: '社会建设委' }),
];
const indexes = (sorted: readonly TableRow[]) => sorted.map((r) => r.index);

describe('table sorting', () => {
  it('sorts by month then session, topics without a month last in both directions', () => {
    expect(indexes(sortRows(rows, { key: 'schedule', direction: 'ascend' }))).toEqual([2, 1, 3, 6, 4, 5]);
    expect(indexes(sortRows(rows, { key: 'schedule', direction: 'descend' }))).toEqual([6, 3, 1, 2, 5, 4]);
  });

  it('sorts committees in the organisation’s order, then others, then none', () => {
    const sorted = sortRows(rows, { key: 'leadCommittee', direction: 'ascend' }, ['财经委', '监察和司法委']);
    expect(indexes(sorted)).toEqual([2, 3, 1, 6, 4, 5]);
  });

  it('sorts methods in glossary order and keeps plan order without a sort', () => {
    expect(indexes(sortRows(rows, { key: 'method', direction: 'descend' }))[0]).toBe(6);
    expect(indexes(sortRows([...rows].reverse(), null))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
