/** /finance/statements/vat: output and input VAT per month and rate, what is payable, and the books' VAT accounts. */
import { Card, Descriptions, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { useVatSummary, type VatSummary } from "../api/statements";
import DrillDrawer, { type DrillTarget } from "../components/DrillDrawer";
import RangeBar from "../components/RangeBar";
import { formatFigure, useRangeState } from "../components/range";
import { Figure } from "../components/StatementTable";

type VatRow = VatSummary["rows"][number];

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const state = useRangeState();
  const query = useVatSummary(state.query);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const money = (v: string) => formatFigure(v, language);
  return (
    <div data-testid="statement-vat">
      <RangeBar state={state} report="vat_summary" withCompare={false} />
      <QueryView query={query}>
        {(data) => (
          <Card title={t("financeStatements.pages.vat")}>
            <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t("financeStatements.outputVat")}>
                {money(data.output_tax_amount)}
              </Descriptions.Item>
              <Descriptions.Item label={t("financeStatements.inputVat")}>
                {money(data.input_tax_amount)}
              </Descriptions.Item>
              <Descriptions.Item label={t("financeStatements.vatPayable")}>
                <strong data-testid="vat-payable">{money(data.payable_amount)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t("financeStatements.ledgerOutput")}>
                <Figure
                  value={data.ledger_output_amount}
                  drill={data.drill}
                  title={t("financeStatements.ledgerOutput")}
                  onDrill={setDrill}
                />
              </Descriptions.Item>
              <Descriptions.Item label={t("financeStatements.ledgerInput")}>
                {money(data.ledger_input_amount)}
              </Descriptions.Item>
            </Descriptions>
            <Table<VatRow>
              rowKey={(row) => `${row.month}-${row.tax_rate}`}
              size="small"
              pagination={false}
              dataSource={data.rows}
              data-testid="vat-table"
              columns={[
                { title: t("financeStatements.month"), dataIndex: "month" },
                {
                  title: t("financeStatements.rate"),
                  dataIndex: "tax_rate",
                  align: "right",
                  render: (v: string) => `${Number(v)}%`,
                },
                {
                  title: t("financeStatements.outputNet"),
                  dataIndex: "output_net_amount",
                  align: "right",
                  render: money,
                },
                {
                  title: t("financeStatements.outputVat"),
                  dataIndex: "output_tax_amount",
                  align: "right",
                  render: money,
                },
                {
                  title: t("financeStatements.inputNet"),
                  dataIndex: "input_net_amount",
                  align: "right",
                  render: money,
                },
                {
                  title: t("financeStatements.inputVat"),
                  dataIndex: "input_tax_amount",
                  align: "right",
                  render: money,
                },
              ]}
            />
          </Card>
        )}
      </QueryView>
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
