/** `/finance/cost/report`: purchase (receipts + landed), production and logistics cost per month over
 * twelve months, as a trend chart and a table. */
import { Card, DatePicker, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadingState, QueryView } from "@/components/PageState";
import { formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCostReport, type CostMonth } from "../api/report";

const CostTrendChart = lazy(() => import("../components/CostTrendChart"));

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const report = useCostReport(month ? month.format("YYYY-MM-DD") : undefined);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="cost-report-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("financeCost.report.title")}
        </Typography.Title>
        <DatePicker
          picker="month"
          value={month}
          onChange={setMonth}
          aria-label={t("financeCost.report.month")}
          placeholder={t("financeCost.report.month")}
        />
      </Space>
      <QueryView query={report}>
        {(data) => {
          const money = (value: string) => formatMoney(value, data.currency, language);
          return (
            <>
              <Card>
                <Suspense fallback={<LoadingState rows={6} />}>
                  <CostTrendChart months={data.months} />
                </Suspense>
              </Card>
              <Table<CostMonth>
                data-testid="cost-report-table"
                rowKey="month"
                size="small"
                pagination={false}
                dataSource={data.months}
                columns={[
                  { title: t("financeCost.report.monthColumn"), dataIndex: "month" },
                  { title: t("financeCost.report.receipts"), dataIndex: "purchase", align: "right", render: money },
                  { title: t("financeCost.report.landed"), dataIndex: "landed", align: "right", render: money },
                  {
                    title: t("financeCost.report.purchase"),
                    dataIndex: "purchase_total",
                    align: "right",
                    render: money,
                  },
                  { title: t("financeCost.report.production"), dataIndex: "production", align: "right", render: money },
                  { title: t("financeCost.report.logistics"), dataIndex: "logistics", align: "right", render: money },
                  { title: t("financeCost.report.cogs"), dataIndex: "cogs", align: "right", render: money },
                ]}
              />
            </>
          );
        }}
      </QueryView>
    </Space>
  );
}
