/** The journal entries behind a figure, in a drawer: each entry with its lines. */
import { Drawer, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { formatDate } from "@/lib/format";
import { useDrilldown, type DrillEntry } from "../api/drilldown";
import type { Drill } from "../api/statements";
import { formatFigure } from "./range";

export interface DrillTarget {
  drill: Drill;
  title: string;
}

export default function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [page, setPage] = useState(1);
  const query = useDrilldown(target?.drill ?? null, { page, page_size: 20 });
  return (
    <Drawer
      open={target !== null}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      width={820}
      title={target ? t("financeStatements.drillTitle", { figure: target.title }) : ""}
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph type="secondary">
          {t("financeStatements.drillRange", {
            from: target.drill.date_from ? formatDate(target.drill.date_from, language) : "…",
            to: target.drill.date_to ? formatDate(target.drill.date_to, language) : "…",
          })}
        </Typography.Paragraph>
      )}
      {target && (
        <QueryView query={query}>
          {(data) => (
            <Table<DrillEntry>
              rowKey="id"
              size="small"
              dataSource={data.results}
              data-testid="drill-entries"
              pagination={{ current: page, pageSize: 20, total: data.count, onChange: setPage, showSizeChanger: false }}
              expandable={{
                expandedRowRender: (entry) => (
                  <Table
                    rowKey="line_no"
                    size="small"
                    pagination={false}
                    dataSource={entry.lines}
                    columns={[
                      {
                        title: t("financeStatements.account"),
                        key: "account",
                        render: (_, line) =>
                          `${line.account.code} ${language === "en" ? line.account.name_en : line.account.name_zh}`,
                      },
                      {
                        title: t("financeStatements.debit"),
                        dataIndex: "debit",
                        align: "right",
                        render: (value: string) => (Number(value) ? formatFigure(value, language) : ""),
                      },
                      {
                        title: t("financeStatements.credit"),
                        dataIndex: "credit",
                        align: "right",
                        render: (value: string) => (Number(value) ? formatFigure(value, language) : ""),
                      },
                      { title: t("financeStatements.cashFlowTag"), dataIndex: "cash_flow_tag" },
                    ]}
                  />
                ),
              }}
              columns={[
                { title: t("financeStatements.entryNumber"), dataIndex: "number" },
                {
                  title: t("financeStatements.date"),
                  dataIndex: "date",
                  render: (value: string) => formatDate(value, language),
                },
                { title: t("financeStatements.description"), dataIndex: "description" },
                {
                  title: t("financeStatements.total"),
                  dataIndex: "total",
                  align: "right",
                  render: (value: string) => formatFigure(value, language),
                },
              ]}
            />
          )}
        </QueryView>
      )}
    </Drawer>
  );
}
