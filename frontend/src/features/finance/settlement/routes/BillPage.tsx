import { FilePdfOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Space, Table, Tag, Timeline } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { BILL_STEPS, useBill, type BillStep } from "../api/bills";
import { BillStepModal } from "../components/BillStepModal";
import { BILL_STATUS_COLOURS } from "./BillsPage";

/** `/finance/bills/:billId`: one bill, its chain of steps with their journal entries, and the steps it allows. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const id = Number(useParams().billId);
  const bill = useBill(id);
  const [step, setStep] = useState<BillStep | null>(null);
  return (
    <QueryView query={bill}>
      {(data) => (
        <div data-testid="bill-page">
          <Card
            title={`${t("financeSettlement.bills.bill")} ${data.number}`}
            extra={
              <Space>
                <Button href={`/api/finance/bills/${data.id}/pdf/`} icon={<FilePdfOutlined />} data-testid="bill-pdf">
                  {t("financeSettlement.bills.pdf")}
                </Button>
                {can("finance.post") &&
                  BILL_STEPS.filter((s) => data.allowed_actions.includes(s)).map((s) => (
                    <Button key={s} onClick={() => setStep(s)} data-testid={`bill-${s}`}>
                      {t(`financeSettlement.bills.steps.${s}`)}
                    </Button>
                  ))}
              </Space>
            }
          >
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t("financeSettlement.status")}>
                <Tag color={BILL_STATUS_COLOURS[data.status] ?? "default"}>
                  {t(`financeSettlement.bills.statuses.${data.status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.type")}>
                {t(`financeSettlement.bills.types.${data.type}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.faceAmount")}>
                {formatMoney(data.face_amount, data.currency, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.maturity")}>
                {formatDate(data.maturity_date, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.drawer")}>{data.drawer_name}</Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.payee")}>{data.payee_name}</Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.acceptor")}>{data.acceptor_name}</Descriptions.Item>
              <Descriptions.Item label={t("financeSettlement.bills.holder")}>
                {data.holder === "us" ? t("financeSettlement.bills.holderUs") : data.holder_name || data.holder}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t("financeSettlement.bills.events")} style={{ marginTop: 16 }}>
            <Timeline
              items={data.events.map((event) => ({
                key: event.id,
                children: (
                  <span data-testid="bill-event">
                    {formatDate(event.event_date, language)} · {t(`financeSettlement.bills.steps.${event.action}`)} →{" "}
                    {t(`financeSettlement.bills.statuses.${event.to_status}`)}
                    {event.interest_amount &&
                      ` · ${t("financeSettlement.bills.interest")} ${formatMoney(event.interest_amount, data.currency, language)}`}
                    {event.endorsee_name && ` · ${event.endorsee_name}`}
                    {event.entry_number && ` · ${t("financeSettlement.entry")} ${event.entry_number}`}
                  </span>
                ),
              }))}
            />
          </Card>
          <Card title={t("financeSettlement.bills.invoices")} style={{ marginTop: 16 }}>
            <Table
              rowKey={(row) => `${row.invoice_id}-${row.step}`}
              size="small"
              pagination={false}
              dataSource={data.allocations}
              columns={[
                { title: t("financeSettlement.invoice"), dataIndex: "invoice_number" },
                { title: t("financeSettlement.payments.paid"), dataIndex: "paid_amount", align: "right" },
                {
                  title: t("financeSettlement.bills.step"),
                  dataIndex: "step",
                  render: (v: string) => t(`financeSettlement.bills.steps.${v}`),
                },
              ]}
            />
          </Card>
          {step && <BillStepModal bill={data} step={step} onClose={() => setStep(null)} />}
        </div>
      )}
    </QueryView>
  );
}
