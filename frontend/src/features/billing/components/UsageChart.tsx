/** One meter's use per month as a bar chart (ECharts, loaded lazily with this module). */
import { Select, Space, Typography } from "antd";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { useUsageHistory, type Meter, type UsageMonth } from "../api/usage";
import { meterLabel } from "./labels";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

function monthLabel(periodStart: string, language: string): string {
  const [year, month] = periodStart.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { year: "2-digit", month: "short" }).format(
    new Date(year ?? 2000, (month ?? 1) - 1, 1),
  );
}

function Chart({ rows, name }: { rows: UsageMonth[]; name: string }) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = echarts.init(element.current);
    chart.setOption({
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map((row) => monthLabel(row.period_start, language)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name, data: rows.map((row) => row.used), itemStyle: { color: "#1677ff" } }],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [rows, name, language]);
  return <div ref={element} style={{ width: "100%", height: 280 }} data-testid="usage-chart" />;
}

export default function UsageChart({
  meter,
  meters,
  onMeterChange,
}: {
  meter: Meter;
  meters: Meter[];
  onMeterChange: (meter: Meter) => void;
}) {
  const { t } = useTranslation();
  const history = useUsageHistory(meter, 12);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Text strong>{t("billing.usage.chart")}</Typography.Text>
        <Select<Meter>
          data-testid="usage-chart-meter"
          aria-label={t("billing.usage.chartMeter")}
          value={meter}
          style={{ minWidth: 200 }}
          onChange={onMeterChange}
          options={meters.map((value) => ({ value, label: meterLabel(t, value) }))}
        />
      </Space>
      <QueryView
        query={history}
        isEmpty={(rows) => rows.every((row) => row.used === 0)}
        empty={<EmptyState description={t("billing.usage.chartEmpty")} />}
      >
        {(rows) => <Chart rows={rows} name={meterLabel(t, meter)} />}
      </QueryView>
    </Space>
  );
}
