import { Card, Col, Progress, Row, Space, Tooltip, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadingState, QueryView } from "@/components/PageState";
import { useUsage, type Meter, type MeterUsage } from "../api/usage";
import { meterLabel, usageColour } from "./labels";

// ECharts is large: its chunk loads only when the billing page shows the chart.
const UsageChart = lazy(() => import("./UsageChart"));

const COLOURS = { normal: "#1677ff", warning: "#faad14", error: "#ff4d4f" } as const;

function MeterRow({ row }: { row: MeterUsage }) {
  const { t } = useTranslation();
  const percent = row.percent === null ? null : Number(row.percent);
  const colour = percent === null ? "normal" : usageColour(percent);
  return (
    <div data-testid={`meter-${row.meter}`} data-level={colour}>
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Text strong>{meterLabel(t, row.meter)}</Typography.Text>
        <Tooltip title={row.included === null ? undefined : t(`billing.usage.${row.enforcement}`)}>
          <Typography.Text type="secondary" data-testid={`meter-${row.meter}-figures`}>
            {row.included === null
              ? `${row.used} · ${t("billing.usage.unlimited")}`
              : t("billing.usage.of", { used: row.used, included: row.included })}{" "}
            {t(`billing.period.${row.period}`, { defaultValue: "" })}
          </Typography.Text>
        </Tooltip>
      </Space>
      <Progress
        percent={percent === null ? 0 : Math.min(percent, 100)}
        showInfo={percent !== null}
        format={() => (percent === null ? "" : `${Math.round(percent)}%`)}
        strokeColor={COLOURS[colour]}
        status={colour === "error" ? "exception" : "normal"}
        size="small"
      />
      {colour === "warning" ? <Typography.Text type="warning">{t("billing.usage.warn")}</Typography.Text> : null}
      {colour === "error" ? <Typography.Text type="danger">{t("billing.usage.over")}</Typography.Text> : null}
    </div>
  );
}

/** Each meter against the plan's quota (orange from 80 %, red at 100 %), and the monthly chart. */
export function UsageMeters() {
  const { t } = useTranslation();
  const usage = useUsage();
  const [meter, setMeter] = useState<Meter>("purchase_orders");
  return (
    <Card title={t("billing.usage.title")} data-testid="billing-usage">
      <QueryView query={usage}>
        {(rows) => (
          <Row gutter={[32, 16]}>
            <Col xs={24} lg={12}>
              <Space direction="vertical" size="middle" style={{ width: "100%" }}>
                {rows.map((row) => (
                  <MeterRow key={row.meter} row={row} />
                ))}
              </Space>
            </Col>
            <Col xs={24} lg={12}>
              <Suspense fallback={<LoadingState rows={6} />}>
                <UsageChart meter={meter} meters={rows.map((row) => row.meter)} onMeterChange={setMeter} />
              </Suspense>
            </Col>
          </Row>
        )}
      </QueryView>
    </Card>
  );
}
