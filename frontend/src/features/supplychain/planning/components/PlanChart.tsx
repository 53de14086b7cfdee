/** Forecast vs committed quantity per ISO week (all items together), as bars (ECharts, loaded lazily with
 * the forecast page). */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Plan } from "../api/forecasts";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function PlanChart({ totals }: { totals: Plan["totals"] }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = echarts.init(element.current);
    const committed = totals.some((week) => week.committed_quantity !== null);
    chart.setOption({
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: totals.map((week) => week.week) },
      yAxis: { type: "value" },
      series: [
        {
          type: "bar",
          name: t("supplyChain.planning.chart.forecast"),
          data: totals.map((week) => Number(week.forecast_quantity)),
          itemStyle: { color: "#1677ff" },
        },
        ...(committed
          ? [
              {
                type: "bar",
                name: t("supplyChain.planning.chart.committed"),
                data: totals.map((week) => Number(week.committed_quantity ?? 0)),
                itemStyle: { color: "#52c41a" },
              },
            ]
          : []),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [totals, t]);
  return <div ref={element} style={{ width: "100%", height: 300 }} data-testid="planning-chart" />;
}
