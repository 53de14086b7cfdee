import { Progress, Space, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MeterUsage } from "../api/company";
import { meterLabel } from "./labels";

function percentOf(row: MeterUsage): number | null {
  if (row.included === null || row.included === undefined) return null;
  if (row.included === 0) return row.used > 0 ? 100 : 0;
  return Math.round((row.used * 100) / row.included);
}

/** The meter closest to its limit, as one small bar (the fleet list's usage column). */
export function UsagePeak({ usage }: { usage: MeterUsage[] }) {
  const { t } = useTranslation();
  const limited = usage
    .map((row) => ({ row, percent: percentOf(row) }))
    .filter((x): x is { row: MeterUsage; percent: number } => x.percent !== null && x.row.used > 0)
    .sort((a, b) => b.percent - a.percent);
  const top = limited[0];
  if (!top) return <Typography.Text type="secondary">{t("console.usage.none")}</Typography.Text>;
  return (
    <Tooltip
      title={limited
        .slice(0, 4)
        .map(({ row }) => `${meterLabel(t, row.meter)}: ${row.used} / ${row.included}`)
        .join(" · ")}
    >
      <div style={{ minWidth: 140 }} data-testid="usage-peak">
        <Typography.Text style={{ fontSize: 12 }}>{meterLabel(t, top.row.meter)}</Typography.Text>
        <Progress
          percent={Math.min(top.percent, 100)}
          size="small"
          status={top.percent >= 100 ? "exception" : top.percent >= 80 ? "active" : "normal"}
          format={() => `${top.percent}%`}
        />
      </div>
    </Tooltip>
  );
}

/** Every meter against its quota (the company page). */
export function UsageList({ usage }: { usage: MeterUsage[] }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="usage-list">
      {usage.map((row) => {
        const percent = percentOf(row);
        return (
          <div key={row.meter} data-testid={`usage-${row.meter}`}>
            <Space style={{ width: "100%", justifyContent: "space-between" }}>
              <Typography.Text>
                {meterLabel(t, row.meter)}{" "}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  ({t(`console.usage.period.${row.period}`, { defaultValue: row.period })})
                </Typography.Text>
              </Typography.Text>
              <Typography.Text>
                {row.used} / {row.included ?? t("console.usage.unlimited")}
              </Typography.Text>
            </Space>
            {percent !== null ? (
              <Progress
                percent={Math.min(percent, 100)}
                size="small"
                status={percent >= 100 ? "exception" : "normal"}
                format={() => `${percent}%`}
              />
            ) : null}
          </div>
        );
      })}
    </Space>
  );
}
