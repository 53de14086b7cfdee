/**
 * ECharts, only the parts the console draws (lines, bars, grid, tooltip, legend, canvas). Imported
 * dynamically by EChart, so it is a chunk of its own that loads with the first chart.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use as registerCharts } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

registerCharts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
export type { EChartsCoreOption as ChartOption } from "echarts/core";
