/** The balance sheet or the income statement: range pickers, the rows with drill-down, a chart of the totals. */
import { Card, Typography } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { useStatement, type StatementKind } from "../api/statements";
import DrillDrawer, { type DrillTarget } from "./DrillDrawer";
import RangeBar from "./RangeBar";
import { useRangeState } from "./range";
import StatementTable from "./StatementTable";

const FiguresChart = lazy(() => import("./FiguresChart"));

const CHART_KEYS: Record<StatementKind, string[]> = {
  "balance-sheet": ["total_assets", "total_liabilities", "total_equity"],
  "income-statement": ["revenue", "gross_profit", "operating_profit", "net_profit"],
};

export default function StatementPage({ kind }: { kind: StatementKind }) {
  const { t } = useTranslation();
  const state = useRangeState();
  const query = useStatement(kind, state.query);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const report = kind === "balance-sheet" ? "balance_sheet" : "income_statement";
  const chart = useMemo(() => {
    const data = query.data;
    if (!data) return null;
    const rows = CHART_KEYS[kind].map((key) => data.rows.find((row) => row.key === key)).filter((row) => !!row);
    return {
      categories: rows.map((row) => row.label),
      series: [
        { name: data.period.label, values: rows.map((row) => Number(row.period_amount ?? 0)) },
        ...(data.compare
          ? [{ name: data.compare.label, values: rows.map((row) => Number(row.compare_amount ?? 0)) }]
          : []),
      ],
    };
  }, [query.data, kind]);
  return (
    <div data-testid={`statement-${kind}`}>
      <RangeBar state={state} report={report} />
      <QueryView query={query}>
        {(data) => {
          const at = (label: string, end: string) => (kind === "balance-sheet" ? end : label);
          return (
            <Card
              title={
                <span>
                  {data.title}{" "}
                  <Typography.Text type="secondary">
                    {t("financeStatements.currencyUnit", { currency: data.currency })}
                  </Typography.Text>
                </span>
              }
            >
              {chart && (
                <Suspense fallback={null}>
                  <FiguresChart categories={chart.categories} series={chart.series} />
                </Suspense>
              )}
              <StatementTable
                rows={data.rows}
                periodLabel={at(data.period.label, data.period.date_to)}
                compareLabel={data.compare ? at(data.compare.label, data.compare.date_to) : null}
                onDrill={setDrill}
              />
            </Card>
          );
        }}
      </QueryView>
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
