import { useEffect, useId, useRef } from 'react';
import { Card } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { init, type ChartOption, type ECharts } from './echarts';

/** One row of a chart's data as the visually hidden table reads it out. */
export type ChartRow = { label: string; value: string };

type Props = {
  title: string;
  option: ChartOption;
  /** The chart's data for screen readers (and tests): what the canvas shows, as text. */
  rows: readonly ChartRow[];
  /** Column headings of the hidden table. */
  headings: readonly [string, string];
  testId: string;
};

/**
 * A chart in a card: an ECharts canvas (an image to assistive technology, labelled with its title) followed by
 * a visually hidden table of the same figures. Resizes with its box, so a window resize or a narrower sidebar
 * redraws it instead of cropping it.
 */
export function DashboardChart({ title, option, rows, headings, testId }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const headingId = useId();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Replaced, not merged: a series or category that disappeared (another year) must not linger.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <Card
      size="small"
      title={<span id={headingId}>{title}</span>}
      className="dashboard-chart"
      data-testid={testId}
    >
      <figure className="dashboard-figure" aria-labelledby={headingId}>
        <div
          ref={container}
          className="dashboard-chart-canvas"
          role="img"
          aria-label={t('dashboard.chartLabel', { title })}
        />
        <table className="dashboard-sr-only" data-testid={`${testId}-data`}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{headings[0]}</th>
              <th scope="col">{headings[1]}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </Card>
  );
}
