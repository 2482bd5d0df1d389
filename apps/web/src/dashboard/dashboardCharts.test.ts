import { describe, expect, it } from 'vitest';
import type { Coverage } from '@yipan/domain';
import type { DashboardResponse } from '@yipan/protocol';
import { formatMessage } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import {
  coverageChart,
  coveragePercent,
  followUpChart,
  methodChart,
  monthName,
  type ChartWords,
} from './dashboardCharts';

const words: ChartWords = {
  t: (key: MessageKey, params) => formatMessage(zhCN[key], params),
  label: (label) => label.zh,
  locale: 'zh-CN',
};
const coverage = (expected: number, linkedExpected: number): Coverage => ({
  expected,
  linkedExpected,
  linked: linkedExpected,
  declined: 0,
  notAnswered: expected - linkedExpected,
});
const org = (orgId: string, name: string, extra: Partial<DashboardResponse['orgs'][number]> = {}) => ({
  orgId,
  name,
  planId: `${orgId}-2021`,
  topics: 0,
  itemsTotal: 0,
  itemsClosed: 0,
  coverage: null,
  ...extra,
});
const data: DashboardResponse = {
  year: 2021,
  years: [2021],
  planId: 'city-2021',
  byMethod: [
    { key: 'special_report', count: 5 },
    { key: 'law_inspection', count: 2 },
  ],
  bySupervisedBody: [{ key: 'gov', count: 7 }],
  byMonth: [],
  orgs: [
    org('city', '示范市', { itemsTotal: 4, itemsClosed: 1 }),
    org('county-1', '示范县', { coverage: coverage(3, 2) }),
    org('county-2', '示范区', { coverage: coverage(0, 0) }),
  ],
  jointTopics: [],
};

describe('dashboard charts', () => {
  it('names months in the interface language, 0 as unscheduled', () => {
    expect(monthName(3, words)).toBe('3月');
    expect(monthName(0, words)).toBe('未定');
    expect(monthName(12, { ...words, locale: 'en' })).toBe('Dec');
  });

  it('reads the methods out with their Chinese names and counts, in the order drawn', () => {
    const chart = methodChart(data, words);
    expect(chart.rows).toEqual([
      { label: '听取和审议专项工作报告', value: '5' },
      { label: '执法检查', value: '2' },
    ]);
  });

  it('stacks closed and open items per organisation', () => {
    const { option, rows } = followUpChart(data, words);
    const series = option.series as { data: number[] }[];
    expect(series.map((entry) => entry.data[0])).toEqual([1, 3]);
    expect(rows[0]).toEqual({ label: '示范市', value: '已销号 1 / 共 4' });
  });

  it('draws coverage for the children only, with no bar where nothing was expected', () => {
    expect(coveragePercent(coverage(3, 2))).toBe(67);
    expect(coveragePercent(coverage(0, 0))).toBeNull();
    const { option, rows } = coverageChart(data, words);
    expect(rows).toEqual([
      { label: '示范县', value: '2/3（67%）' },
      { label: '示范区', value: '无联动要求' },
    ]);
    expect((option.series as { data: (number | null)[] }[])[0]?.data).toEqual([67, null]);
  });
});
