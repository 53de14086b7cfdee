/** `/finance/cost/margins`: gross margin per sales order, customer or item (revenue invoiced or shipped,
 * COGS at the moving average when shipped, logistics cost), and recording a shipment's logistics cost. */
import {
  Button,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Input,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatMoney, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useFunctionalCurrency } from "../api/currency";
import { useMargins, useOrderShipments, useRecordShipmentCost, type Margin, type MarginBy } from "../api/margins";
import { newIdempotencyKey } from "../components/idempotencyKey";

interface LogisticsValues {
  shipment_id: number;
  kind: "freight" | "handling";
  cost_amount: number;
  currency?: string;
  exchange_rate?: number;
  paid: boolean;
  note?: string;
}

function LogisticsCostModal({ order, onClose }: { order: Margin; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LogisticsValues>();
  const problem = useFormProblem(form);
  const shipments = useOrderShipments(order.id ?? null);
  const record = useRecordShipmentCost();
  const key = useRef(newIdempotencyKey());
  const submit = async (values: LogisticsValues) => {
    problem.clear();
    try {
      await record.mutateAsync({
        idempotencyKey: key.current,
        body: {
          shipment_id: values.shipment_id,
          kind: values.kind,
          cost_amount: String(values.cost_amount),
          currency: values.currency?.trim().toUpperCase() ?? "",
          exchange_rate: values.exchange_rate === undefined ? null : String(values.exchange_rate),
          paid: values.paid,
          note: values.note ?? "",
        },
      });
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={t("financeCost.margins.logisticsTitle", { order: order.key })}
      okText={t("financeCost.margins.logisticsSave")}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      onCancel={onClose}
      destroyOnClose
    >
      <FormAlert state={problem.state} />
      <Form<LogisticsValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: "freight", paid: false }}
        onFinish={(values) => void submit(values)}
        data-testid="logistics-form"
      >
        <Form.Item name="shipment_id" label={t("financeCost.margins.shipment")} rules={[{ required: true }]}>
          <Select
            loading={shipments.isPending}
            options={(shipments.data?.results ?? []).map((s) => ({ value: s.id, label: `${s.number} · ${s.carrier}` }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t("financeCost.margins.kind")}>
          <Segmented
            options={[
              { value: "freight", label: t("financeCost.shipmentCostKind.freight") },
              { value: "handling", label: t("financeCost.shipmentCostKind.handling") },
            ]}
          />
        </Form.Item>
        <Space>
          <Form.Item name="cost_amount" label={t("financeCost.amount")} rules={[{ required: true }]}>
            <InputNumber min={0.01} step={1} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="currency" label={t("financeCost.currency")}>
            <Input maxLength={3} style={{ width: 90 }} placeholder="CNY" />
          </Form.Item>
          <Form.Item name="exchange_rate" label={t("financeCost.exchangeRate")}>
            <InputNumber min={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="paid" label={t("financeCost.margins.paid")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t("financeCost.note")}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const currency = useFunctionalCurrency();
  const [by, setBy] = useState<MarginBy>("order");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [params, setParams] = usePageParams();
  const [logistics, setLogistics] = useState<Margin | null>(null);
  const margins = useMargins({
    by,
    date_from: range?.[0]?.format("YYYY-MM-DD"),
    date_to: range?.[1]?.format("YYYY-MM-DD"),
    ...params,
  });
  const money = (value: string) => formatMoney(value, currency, language);
  const keyTitle = t(`financeCost.margins.key.${by}`);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="margins-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("financeCost.margins.title")}
      </Typography.Title>
      <Space wrap>
        <Segmented<MarginBy>
          data-testid="margins-by"
          value={by}
          onChange={(value) => {
            setBy(value);
            setParams({ ...params, page: 1 });
          }}
          options={[
            { value: "order", label: t("financeCost.margins.byOrder") },
            { value: "customer", label: t("financeCost.margins.byCustomer") },
            { value: "item", label: t("financeCost.margins.byItem") },
          ]}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => setRange(value)}
          placeholder={[t("financeCost.margins.from"), t("financeCost.margins.to")]}
        />
      </Space>
      <QueryView query={margins}>
        {(page) => (
          <Table<Margin>
            data-testid="margins-table"
            rowKey={(row) => `${row.id ?? row.key}`}
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            locale={{ emptyText: t("financeCost.margins.empty") }}
            columns={[
              { title: keyTitle, dataIndex: "key" },
              ...(by === "customer" ? [] : [{ title: t("financeCost.margins.name"), dataIndex: "name" }]),
              {
                title: t("financeCost.margins.shipped"),
                dataIndex: "shipped_quantity",
                align: "right" as const,
                render: (value: string) => formatQuantity(value, language),
              },
              { title: t("financeCost.margins.revenue"), dataIndex: "revenue", align: "right" as const, render: money },
              { title: t("financeCost.margins.cogs"), dataIndex: "cogs", align: "right" as const, render: money },
              {
                title: t("financeCost.margins.logistics"),
                dataIndex: "logistics",
                align: "right" as const,
                render: money,
              },
              { title: t("financeCost.margins.margin"), dataIndex: "margin", align: "right" as const, render: money },
              {
                title: t("financeCost.margins.marginPercent"),
                dataIndex: "margin_percent",
                align: "right" as const,
                render: (value: string | null) => (value === null ? "—" : `${value}%`),
              },
              ...(by === "order" && can("finance.post")
                ? [
                    {
                      key: "actions",
                      title: "",
                      render: (_: unknown, row: Margin) => (
                        <Button size="small" onClick={() => setLogistics(row)} data-testid="add-logistics">
                          {t("financeCost.margins.addLogistics")}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {logistics ? <LogisticsCostModal order={logistics} onClose={() => setLogistics(null)} /> : null}
    </Space>
  );
}
