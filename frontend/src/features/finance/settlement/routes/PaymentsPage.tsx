import { Card, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { usePayments, type Payment } from "../api/payments";
import { PaymentForm } from "../components/PaymentForm";

/** `/finance/payments`: record a payment against open invoices, and the payments recorded. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const [params, setParams] = usePageParams();
  const payments = usePayments(params);
  return (
    <div data-testid="payments-page">
      {can("finance.post") && <PaymentForm />}
      <Card title={t("financeSettlement.payments.title")} style={{ marginTop: 16 }}>
        <QueryView
          query={payments}
          isEmpty={(page) => page.count === 0}
          empty={<EmptyState description={t("financeSettlement.payments.empty")} />}
        >
          {(page) => (
            <Table<Payment>
              rowKey="id"
              size="small"
              dataSource={page.results}
              pagination={tablePagination(page.count, params, setParams)}
              expandable={{
                expandedRowRender: (payment) => (
                  <Table
                    rowKey="invoice_id"
                    size="small"
                    pagination={false}
                    dataSource={payment.allocations}
                    columns={[
                      { title: t("financeSettlement.invoice"), dataIndex: "invoice_number" },
                      { title: t("financeSettlement.payments.paid"), dataIndex: "paid_amount", align: "right" },
                      { title: t("financeSettlement.payments.discount"), dataIndex: "discount_amount", align: "right" },
                      { title: t("financeSettlement.payments.writeoff"), dataIndex: "writeoff_amount", align: "right" },
                      {
                        title: t("financeSettlement.payments.remaining"),
                        dataIndex: "remaining_amount",
                        align: "right",
                      },
                    ]}
                  />
                ),
              }}
              columns={[
                { title: t("financeSettlement.number"), dataIndex: "number" },
                {
                  title: t("financeSettlement.payments.date"),
                  dataIndex: "payment_date",
                  render: (v: string) => formatDate(v, language),
                },
                {
                  title: t("financeSettlement.payments.direction"),
                  dataIndex: "direction",
                  render: (v: string) => (
                    <Tag color={v === "in" ? "green" : "blue"}>
                      {t(`financeSettlement.payments.${v === "in" ? "in" : "out"}`)}
                    </Tag>
                  ),
                },
                { title: t("financeSettlement.partner"), dataIndex: "partner_name" },
                {
                  title: t("financeSettlement.payments.amount"),
                  dataIndex: "total",
                  align: "right",
                  render: (v: string, row) => formatMoney(v, row.currency, language),
                },
                {
                  title: t("financeSettlement.payments.discount"),
                  dataIndex: "discount_amount",
                  align: "right",
                  render: (v: string, row) => formatMoney(v, row.currency, language),
                },
                { title: t("financeSettlement.payments.reference"), dataIndex: "reference" },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </div>
  );
}
