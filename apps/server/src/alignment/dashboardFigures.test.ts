import { describe, expect, it } from 'vitest';
import type { PlanRow, TopicSummary } from '@yipan/db';
import { dashboardFigures } from './dashboardFigures';

const plan = (id: string, orgId: string): PlanRow => ({
  id,
  orgId,
  year: 2021,
  title: id,
  status: 'executing',
  createdAt: new Date(0),
  updatedAt: new Date(0),
});
const topic = (planId: string, fields: Partial<TopicSummary>): TopicSummary => ({
  planId,
  topicId: `${planId}-${Math.random()}`,
  orgId: planId,
  position: 0,
  title: '议题',
  method: 'special_report',
  supervisedBody: 'gov',
  leadCommittee: '',
  reportingUnit: '',
  month: 6,
  session: null,
  archived: false,
  joint: false,
  sessionDate: null,
  stepsTotal: 0,
  stepsFinished: 0,
  stepsStarted: 0,
  itemsTotal: 0,
  itemsClosed: 0,
  itemsRated: 0,
  ...fields,
});

describe('dashboard figures', () => {
  const city = plan('city-2021', 'city');
  const county = plan('county-2021', 'county');
  const figures = dashboardFigures({
    year: 2021,
    years: [2021],
    top: { org: { id: 'city', name: '示范市' }, plan: city },
    children: [
      { org: { id: 'county', name: '示范县' }, plan: county },
      { org: { id: 'empty', name: '东山县' }, plan: null },
    ],
    summaries: [
      topic('city-2021', { method: 'law_inspection', month: null, itemsTotal: 3, itemsClosed: 1 }),
      topic('city-2021', { supervisedBody: 'court', month: 6 }),
      topic('county-2021', { month: 6, itemsTotal: 2, itemsClosed: 2 }),
      topic('county-2021', { method: 'inquiry', archived: true, itemsTotal: 9 }),
    ],
    matrix: null,
  });

  it('tallies live topics in glossary order, leaving out the categories nobody has', () => {
    expect(figures.byMethod).toEqual([
      { key: 'special_report', count: 2 },
      { key: 'law_inspection', count: 1 },
    ]);
    expect(figures.bySupervisedBody).toEqual([
      { key: 'gov', count: 2 },
      { key: 'court', count: 1 },
    ]);
  });

  it('keeps every month, 1 to 12 then 0 for topics without one', () => {
    expect(figures.byMonth.map(({ key }) => key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0]);
    expect(figures.byMonth.find(({ key }) => key === 6)?.count).toBe(2);
    expect(figures.byMonth.find(({ key }) => key === 0)?.count).toBe(1);
  });

  it('lists the organisation first, then its children, archived topics and their items left out', () => {
    expect(figures.orgs).toEqual([
      {
        orgId: 'city',
        name: '示范市',
        planId: 'city-2021',
        topics: 2,
        itemsTotal: 3,
        itemsClosed: 1,
        coverage: null,
      },
      {
        orgId: 'county',
        name: '示范县',
        planId: 'county-2021',
        topics: 1,
        itemsTotal: 2,
        itemsClosed: 2,
        coverage: null,
      },
      {
        orgId: 'empty',
        name: '东山县',
        planId: null,
        topics: 0,
        itemsTotal: 0,
        itemsClosed: 0,
        coverage: null,
      },
    ]);
    expect(figures.jointTopics).toEqual([]);
  });
});
