/** /finance/statements/trial-balance: 科目余额表, every account's opening, movement and closing, with drill-down. */
import { Alert, Card, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { useTrialBalance, type TrialBalanceRow } from "../api/statements";
import DrillDrawer, { type DrillTarget } from "../components/DrillDrawer";
import RangeBar from "../components/RangeBar";
import { formatFigure, useRangeState } from "../components/range";
import { Figure } from "../components/StatementTable";

const MONEY = ["opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit"] as const;

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const state = useRangeState();
  const query = useTrialBalance({ ...state.query, compare_date_from: undefined, compare_date_to: undefined });
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  return (
    <div data-testid="statement-trial-balance">
      <RangeBar state={state} report="trial_balance" withCompare={false} />
      <QueryView query={query}>
        {(data) => (
          <Card
            title={t("financeStatements.pages.trialBalance")}
            extra={
              data.balanced ? (
                <Tag color="green">{t("financeStatements.balanced")}</Tag>
              ) : (
                <Tag color="red">{t("financeStatements.notBalanced")}</Tag>
              )
            }
          >
            {!data.balanced && <Alert type="error" message={t("financeStatements.notBalanced")} />}
            <Table<TrialBalanceRow>
              rowKey="account_id"
              size="small"
              pagination={false}
              dataSource={data.rows}
              data-testid="trial-balance-table"
              scroll={{ x: 1000 }}
              columns={[
                {
                  title: t("financeStatements.account"),
                  key: "account",
                  fixed: "left",
                  render: (_, row) => (
                    <span style={{ paddingLeft: row.level * 16, fontWeight: row.is_postable ? undefined : 600 }}>
                      {row.code} {state.lang === "en" ? row.name_en : row.name_zh}
                    </span>
                  ),
                },
                ...MONEY.map((field) => ({
                  title: t(`financeStatements.tb.${field}`),
                  key: field,
                  align: "right" as const,
                  render: (_: unknown, row: TrialBalanceRow) =>
                    field === "debit" || field === "credit" ? (
                      <Figure
                        value={Number(row[field]) ? row[field] : ""}
                        drill={row.drill}
                        title={`${row.code} ${state.lang === "en" ? row.name_en : row.name_zh}`}
                        onDrill={setDrill}
                      />
                    ) : Number(row[field]) ? (
                      formatFigure(row[field], language)
                    ) : (
                      ""
                    ),
                })),
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t("financeStatements.total")}</strong>
                  </Table.Summary.Cell>
                  {MONEY.map((field, index) => (
                    <Table.Summary.Cell key={field} index={index + 1} align="right">
                      <strong data-testid={`tb-total-${field}`}>{formatFigure(data.totals[field], language)}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
            />
          </Card>
        )}
      </QueryView>
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
