/** Purchase, production and logistics cost per month as stacked bars, COGS as a line (ECharts, loaded
 * lazily with this module). */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import type { CostMonth } from "../api/report";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function monthLabel(month: string, language: string): string {
  const [year, number] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { year: "2-digit", month: "short" }).format(
    new Date(year ?? 2000, (number ?? 1) - 1, 1),
  );
}

export default function CostTrendChart({ months }: { months: CostMonth[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = echarts.init(element.current);
    const series = (key: "purchase_total" | "production" | "logistics", name: string, color: string) => ({
      type: "bar" as const,
      stack: "cost",
      name,
      data: months.map((m) => Number(m[key])),
      itemStyle: { color },
    });
    chart.setOption({
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.month, language)) },
      yAxis: { type: "value" },
      series: [
        series("purchase_total", t("financeCost.report.purchase"), "#1677ff"),
        series("production", t("financeCost.report.production"), "#52c41a"),
        series("logistics", t("financeCost.report.logistics"), "#faad14"),
        {
          type: "line",
          name: t("financeCost.report.cogs"),
          data: months.map((m) => Number(m.cogs)),
          itemStyle: { color: "#cf1322" },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [months, language, t]);
  return <div ref={element} style={{ width: "100%", height: 320 }} data-testid="cost-trend-chart" />;
}
