import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * Apache ECharts, only the parts the dashboard draws: imported from `echarts/core` so that the dashboard's lazy
 * chunk carries bar and pie charts, not the whole library, and the board's first script carries none of it.
 */
use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The options the dashboard's charts may use (typed against the registered parts only). */
export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init, type ECharts };
