import { Card, Segmented, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useBills, type Bill } from "../api/bills";

export const BILL_STATUS_COLOURS: Record<string, string> = {
  issued: "blue",
  accepted: "geekblue",
  held: "cyan",
  presented: "purple",
  endorsed: "default",
  discounted: "default",
  settled: "green",
  dishonoured: "red",
};

/** `/finance/bills`: commercial bills (商业汇票) receivable and payable, by maturity. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [direction, setDirection] = useState<"receivable" | "payable">("receivable");
  const [params, setParams] = usePageParams();
  const bills = useBills({ ...params, direction });
  return (
    <Card
      title={t("financeSettlement.bills.title")}
      extra={
        <Segmented
          value={direction}
          onChange={(value) => setDirection(value as "receivable" | "payable")}
          options={[
            { value: "receivable", label: t("financeSettlement.bills.receivable") },
            { value: "payable", label: t("financeSettlement.bills.payable") },
          ]}
        />
      }
      data-testid="bills-page"
    >
      <QueryView
        query={bills}
        isEmpty={(page) => page.count === 0}
        empty={<EmptyState description={t("financeSettlement.bills.empty")} />}
      >
        {(page) => (
          <Table<Bill>
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            columns={[
              {
                title: t("financeSettlement.bills.number"),
                dataIndex: "number",
                render: (v: string, row) => <Link to={`/finance/bills/${row.id}`}>{v}</Link>,
              },
              {
                title: t("financeSettlement.bills.type"),
                dataIndex: "type",
                render: (v: string) => t(`financeSettlement.bills.types.${v}`),
              },
              { title: t("financeSettlement.partner"), dataIndex: "partner_name" },
              { title: t("financeSettlement.bills.acceptor"), dataIndex: "acceptor_name" },
              {
                title: t("financeSettlement.bills.faceAmount"),
                dataIndex: "face_amount",
                align: "right",
                render: (v: string, row) => formatMoney(v, row.currency, language),
              },
              {
                title: t("financeSettlement.bills.maturity"),
                dataIndex: "maturity_date",
                render: (v: string) => formatDate(v, language),
              },
              {
                title: t("financeSettlement.status"),
                dataIndex: "status",
                render: (v: string) => (
                  <Tag color={BILL_STATUS_COLOURS[v] ?? "default"}>{t(`financeSettlement.bills.statuses.${v}`)}</Tag>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
