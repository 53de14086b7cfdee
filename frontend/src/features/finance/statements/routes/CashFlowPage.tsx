/** /finance/statements/cash-flow: 现金流量表, the direct method with drill-down, and the indirect reconciliation. */
import { Card, Col, Row, Statistic } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { useCashFlow } from "../api/statements";
import DrillDrawer, { type DrillTarget } from "../components/DrillDrawer";
import RangeBar from "../components/RangeBar";
import { formatFigure, useRangeState } from "../components/range";
import StatementTable from "../components/StatementTable";

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const state = useRangeState();
  const query = useCashFlow(state.query);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  return (
    <div data-testid="statement-cash-flow">
      <RangeBar state={state} report="cash_flow" />
      <QueryView query={query}>
        {(data) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={8}>
                <Statistic
                  title={t("financeStatements.openingCash")}
                  value={formatFigure(data.opening_cash, language)}
                />
              </Col>
              <Col span={8}>
                <Statistic title={t("financeStatements.netChange")} value={formatFigure(data.net_change, language)} />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t("financeStatements.closingCash")}
                  value={formatFigure(data.closing_cash, language)}
                />
              </Col>
            </Row>
            <Card title={data.title} style={{ marginBottom: 16 }}>
              <StatementTable
                rows={data.rows}
                periodLabel={data.period.label}
                compareLabel={data.compare?.label}
                onDrill={setDrill}
              />
            </Card>
            <Card title={t("financeStatements.indirect")}>
              <StatementTable
                rows={data.indirect}
                periodLabel={data.period.label}
                onDrill={setDrill}
                testId="cash-flow-indirect"
              />
            </Card>
          </>
        )}
      </QueryView>
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
