import { Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { formatMoney, formatRate } from "@/lib/format";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";
import { useRevenue, type Revenue, type RevenueMonth } from "../api/revenue";
import { EChart } from "../components/EChart";
import type { ChartOption } from "../components/echartsSetup";

function monthLabel(month: string, language: AppLanguage): string {
  const [year = 1970, m = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { year: "numeric", month: "short" }).format(new Date(year, m - 1, 1));
}

function useCharts(data: Revenue, language: AppLanguage) {
  const { t } = useTranslation();
  return useMemo(() => {
    const labels = data.months.map((m) => monthLabel(m.month, language));
    const n = (value: string) => Number(value);
    const mrr: ChartOption = {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 64, right: 24, top: 24, bottom: 56 },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value", name: "CNY" },
      series: [
        {
          name: t("console.revenue.series.new"),
          type: "bar",
          stack: "move",
          data: data.months.map((m) => n(m.new_amount)),
          itemStyle: { color: "#52c41a" },
        },
        {
          name: t("console.revenue.series.expansion"),
          type: "bar",
          stack: "move",
          data: data.months.map((m) => n(m.expansion_amount)),
          itemStyle: { color: "#1677ff" },
        },
        {
          name: t("console.revenue.series.contraction"),
          type: "bar",
          stack: "move",
          data: data.months.map((m) => -n(m.contraction_amount)),
          itemStyle: { color: "#faad14" },
        },
        {
          name: t("console.revenue.series.churn"),
          type: "bar",
          stack: "move",
          data: data.months.map((m) => -n(m.churn_amount)),
          itemStyle: { color: "#ff4d4f" },
        },
        {
          name: t("console.revenue.series.mrr"),
          type: "line",
          smooth: true,
          data: data.months.map((m) => n(m.mrr_amount)),
          itemStyle: { color: "#722ed1" },
          lineStyle: { width: 3 },
        },
      ],
    };
    const trials: ChartOption = {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 48, right: 48, top: 24, bottom: 56 },
      xAxis: { type: "category", data: labels },
      yAxis: [
        { type: "value", minInterval: 1 },
        { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      ],
      series: [
        {
          name: t("console.revenue.series.trialsStarted"),
          type: "bar",
          data: data.months.map((m) => m.trials_started),
          itemStyle: { color: "#91caff" },
        },
        {
          name: t("console.revenue.series.trialsConverted"),
          type: "bar",
          data: data.months.map((m) => m.trials_converted),
          itemStyle: { color: "#52c41a" },
        },
        {
          name: t("console.revenue.series.trialsLapsed"),
          type: "bar",
          data: data.months.map((m) => m.trials_lapsed),
          itemStyle: { color: "#ffa39e" },
        },
        {
          name: t("console.revenue.series.conversionRate"),
          type: "line",
          yAxisIndex: 1,
          connectNulls: true,
          data: data.months.map((m) =>
            m.trial_conversion_rate === null ? null : Math.round(n(m.trial_conversion_rate) * 1000) / 10,
          ),
          itemStyle: { color: "#722ed1" },
        },
      ],
    };
    return { mrr, trials };
  }, [data, language, t]);
}

function Dashboard({ data }: { data: Revenue }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const charts = useCharts(data, language);
  const current = data.months[data.months.length - 1];
  const money = (value: string) => formatMoney(value, "CNY", language);
  const ended = data.months.reduce((sum, m) => sum + m.trials_converted + m.trials_lapsed, 0);
  const converted = data.months.reduce((sum, m) => sum + m.trials_converted, 0);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t("console.revenue.kpi.mrr")} value={current ? money(current.mrr_amount) : "—"} />
            <Typography.Text type="secondary" data-testid="revenue-paying">
              {t("console.revenue.kpi.paying", { count: current?.paying_count ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t("console.revenue.kpi.new")} value={current ? money(current.new_amount) : "—"} />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t("console.revenue.kpi.churn")} value={current ? money(current.churn_amount) : "—"} />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card>
            <Statistic
              title={t("console.revenue.kpi.conversion")}
              value={ended ? formatRate(converted / ended, language) : "—"}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t("console.revenue.mrrChart")}>
        <EChart option={charts.mrr} testId="revenue-mrr-chart" />
      </Card>
      <Card title={t("console.revenue.trialsChart")}>
        <EChart option={charts.trials} height={280} testId="revenue-trials-chart" />
      </Card>
      <Card title={t("console.revenue.table")}>
        <Table<RevenueMonth>
          data-testid="revenue-table"
          rowKey="month"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={[...data.months].reverse()}
          columns={[
            { key: "month", title: t("console.revenue.month"), render: (_, m) => monthLabel(m.month, language) },
            {
              key: "mrr",
              title: t("console.revenue.series.mrr"),
              align: "right",
              render: (_, m) => money(m.mrr_amount),
            },
            {
              key: "new",
              title: t("console.revenue.series.new"),
              align: "right",
              render: (_, m) => money(m.new_amount),
            },
            {
              key: "expansion",
              title: t("console.revenue.series.expansion"),
              align: "right",
              render: (_, m) => money(m.expansion_amount),
            },
            {
              key: "contraction",
              title: t("console.revenue.series.contraction"),
              align: "right",
              render: (_, m) => money(m.contraction_amount),
            },
            {
              key: "churn",
              title: t("console.revenue.series.churn"),
              align: "right",
              render: (_, m) => money(m.churn_amount),
            },
            {
              key: "trials",
              title: t("console.revenue.series.conversionRate"),
              align: "right",
              render: (_, m) =>
                m.trial_conversion_rate === null
                  ? "—"
                  : `${formatRate(m.trial_conversion_rate, language)} (${m.trials_converted}/${m.trials_converted + m.trials_lapsed})`,
            },
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" data-testid="revenue-rates">
        {t("console.revenue.footnote", {
          rates: data.rates.map((r) => `1 ${r.currency} = ${Number(r.exchange_rate)} CNY`).join(", "),
        })}
      </Typography.Paragraph>
    </Space>
  );
}

/** MRR and its movements, and trial conversion, month by month (all in CNY). */
export function RevenuePage() {
  const { t } = useTranslation();
  const [months, setMonths] = useState(12);
  const revenue = useRevenue(months);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="revenue-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("console.revenue.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("console.revenue.intro")}</Typography.Text>
        </div>
        <Segmented<number>
          data-testid="revenue-months"
          value={months}
          onChange={setMonths}
          options={[6, 12, 24].map((value) => ({ value, label: t("console.revenue.months", { count: value }) }))}
        />
      </Space>
      <QueryView query={revenue} loadingRows={10}>
        {(data) => <Dashboard data={data} />}
      </QueryView>
    </Space>
  );
}

export { RevenuePage as Component };
