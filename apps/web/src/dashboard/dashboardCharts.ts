import { METHOD_LABELS, SUPERVISED_BODY_LABELS, type Coverage, type Label } from '@yipan/domain';
import type { DashboardResponse } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';
import type { ChartRow } from './DashboardChart';
import type { ChartOption } from './echarts';

/** What a chart draws and what its hidden table says. */
export type ChartSpec = { option: ChartOption; rows: ChartRow[] };

/** How the charts name things in the current language. */
export type ChartWords = { t: Translate; label: (label: Label) => string; locale: string };

/** Closed items green, open ones amber, as the follow-up board colours them. */
const CLOSED_COLOR = '#52c41a';
const OPEN_COLOR = '#faad14';
const PERCENT = 100;
/** Room left of a horizontal bar chart for method names (long in Chinese: 环境状况和环保目标完成情况报告). */
const CATEGORY_LABEL_WIDTH = 150;

const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } } as const;
const grid = { left: 8, right: 24, top: 32, bottom: 8, containLabel: true } as const;
/** Whole numbers on count axes: half a topic means nothing. */
const countAxis = { type: 'value', minInterval: 1 } as const;

/** A month's short name in the interface language (1月 / Jan); 0 is a topic without a month. */
export function monthName(month: number, { t, locale }: ChartWords): string {
  if (month === 0) return t('dashboard.monthNone');
  return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(2000, month - 1, 1),
  );
}

/** Expected cells the child has in its plan, as a whole percentage; null when nothing was expected of it. */
export function coveragePercent(coverage: Coverage | null): number | null {
  if (!coverage || coverage.expected === 0) return null;
  return Math.round((coverage.linkedExpected / coverage.expected) * PERCENT);
}

/** `3/4 (75%)`, or the words for "nothing expected". */
export function coverageText(coverage: Coverage | null, t: Translate): string {
  const percent = coveragePercent(coverage);
  if (!coverage || percent === null) return t('dashboard.coverageNone');
  return t('dashboard.coverageValue', {
    linked: coverage.linkedExpected,
    expected: coverage.expected,
    percent,
  });
}

/** Topics by method: horizontal bars, so the long method names stay readable. */
export function methodChart(data: DashboardResponse, words: ChartWords): ChartSpec {
  const rows = data.byMethod.map(({ key, count }) => ({
    label: words.label(METHOD_LABELS[key]),
    value: String(count),
  }));
  return {
    rows,
    option: {
      tooltip,
      grid: { ...grid, top: 8 },
      xAxis: countAxis,
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.label),
        axisLabel: { width: CATEGORY_LABEL_WIDTH, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: words.t('dashboard.series.topics'),
          data: data.byMethod.map((entry) => entry.count),
          label: { show: true, position: 'right' },
        },
      ],
    },
  };
}

/** Topics by supervised body (一府一委两院): a pie. */
export function bodyChart(data: DashboardResponse, words: ChartWords): ChartSpec {
  const rows = data.bySupervisedBody.map(({ key, count }) => ({
    label: words.label(SUPERVISED_BODY_LABELS[key]),
    value: String(count),
  }));
  return {
    rows,
    option: {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          name: words.t('dashboard.series.topics'),
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          data: rows.map((row, index) => ({
            name: row.label,
            value: data.bySupervisedBody[index]?.count ?? 0,
          })),
          label: { formatter: '{b}\n{c}' },
        },
      ],
    },
  };
}

/** Topics by month, January to December, then those without a month. */
export function monthChart(data: DashboardResponse, words: ChartWords): ChartSpec {
  const rows = data.byMonth.map(({ key, count }) => ({ label: monthName(key, words), value: String(count) }));
  return {
    rows,
    option: {
      tooltip,
      grid,
      xAxis: { type: 'category', data: rows.map((row) => row.label) },
      yAxis: countAxis,
      series: [
        {
          type: 'bar',
          name: words.t('dashboard.series.topics'),
          data: data.byMonth.map((entry) => entry.count),
        },
      ],
    },
  };
}

/** Rectification items closed and still open per organisation: stacked bars. */
export function followUpChart(data: DashboardResponse, words: ChartWords): ChartSpec {
  const { t } = words;
  const names = data.orgs.map((org) => org.name);
  return {
    rows: data.orgs.map((org) => ({
      label: org.name,
      value: t('dashboard.itemsValue', { closed: org.itemsClosed, total: org.itemsTotal }),
    })),
    option: {
      tooltip,
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
      yAxis: countAxis,
      series: [
        {
          type: 'bar',
          stack: 'items',
          name: t('dashboard.series.closed'),
          itemStyle: { color: CLOSED_COLOR },
          data: data.orgs.map((org) => org.itemsClosed),
        },
        {
          type: 'bar',
          stack: 'items',
          name: t('dashboard.series.open'),
          itemStyle: { color: OPEN_COLOR },
          data: data.orgs.map((org) => org.itemsTotal - org.itemsClosed),
        },
      ],
    },
  };
}

/** Each child's share of the expectations it has taken into its plan; no bar where nothing was expected. */
export function coverageChart(data: DashboardResponse, words: ChartWords): ChartSpec {
  const children = data.orgs.filter((org) => org.orgId !== data.orgs[0]?.orgId);
  return {
    rows: children.map((org) => ({ label: org.name, value: coverageText(org.coverage, words.t) })),
    option: {
      tooltip: { ...tooltip, valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : '—') },
      grid,
      xAxis: { type: 'category', data: children.map((org) => org.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', min: 0, max: PERCENT, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: words.t('dashboard.series.coverage'),
          data: children.map((org) => coveragePercent(org.coverage)),
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    },
  };
}
