/** A statement's rows as a table: labels indented by level, totals in bold, each figure opening its entries. */
import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import type { Drill, StatementRow } from "../api/statements";
import type { DrillTarget } from "./DrillDrawer";
import { formatFigure } from "./range";

export function Figure({
  value,
  drill,
  title,
  onDrill,
  testId,
}: {
  value: string | null | undefined;
  drill: Drill | null | undefined;
  title: string;
  onDrill: (target: DrillTarget) => void;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const text = formatFigure(value, currentLanguage(i18n));
  if (!drill || drill.account_ids.length === 0 || !text) return <span data-testid={testId}>{text}</span>;
  return (
    <Typography.Link onClick={() => onDrill({ drill, title })} data-testid={testId}>
      {text}
    </Typography.Link>
  );
}

export default function StatementTable({
  rows,
  periodLabel,
  compareLabel,
  onDrill,
  testId = "statement-table",
}: {
  rows: StatementRow[];
  periodLabel: string;
  compareLabel?: string | null;
  onDrill: (target: DrillTarget) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<StatementRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        {
          title: t("financeStatements.item"),
          key: "label",
          render: (_, row) => (
            <span
              style={{
                paddingLeft: row.level * 16,
                fontWeight: row.kind === "line" || row.kind === "note" ? undefined : 600,
                fontStyle: row.kind === "note" ? "italic" : undefined,
              }}
            >
              {row.label}
            </span>
          ),
        },
        {
          title: periodLabel,
          key: "period",
          align: "right",
          render: (_, row) => (
            <Figure
              value={row.period_amount}
              drill={row.drill}
              title={`${row.label} · ${periodLabel}`}
              onDrill={onDrill}
              testId={`figure-${row.key}`}
            />
          ),
        },
        ...(compareLabel
          ? [
              {
                title: compareLabel,
                key: "compare",
                align: "right" as const,
                render: (_: unknown, row: StatementRow) => (
                  <Figure value={row.compare_amount} drill={null} title="" onDrill={onDrill} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
