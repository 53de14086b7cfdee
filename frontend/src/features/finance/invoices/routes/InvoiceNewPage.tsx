import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, InputNumber, Segmented, Select, Space, Table, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { formatDateTime, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useInvoiceable, useShippedSalesOrders, type InvoiceableLine } from "../api/invoiceable";
import { useCreateFromShipments, useCreateManualInvoice } from "../api/invoices";
import { newIdempotencyKey } from "../components/idempotencyKey";

function FromOrder({ salesOrderId, onChoose }: { salesOrderId?: number; onChoose: (id?: number) => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const orders = useShippedSalesOrders(search);
  const lines = useInvoiceable(salesOrderId);
  const create = useCreateFromShipments();
  const key = useRef(newIdempotencyKey());
  const [form] = Form.useForm();
  const { state, report, clear } = useFormProblem(form);
  const currency = orders.data?.find((order) => order.id === salesOrderId)?.currency ?? "";
  const submit = async () => {
    if (salesOrderId === undefined) return;
    clear();
    try {
      const invoice = await create.mutateAsync({
        body: { sales_order_id: salesOrderId, fapiao_type: "", notes: "" },
        idempotencyKey: key.current,
      });
      navigate(`/finance/invoices/${invoice.id}`);
    } catch (error) {
      key.current = newIdempotencyKey();
      report(error);
    }
  };
  return (
    <Form form={form} layout="vertical">
      <FormAlert state={state} />
      <Form.Item label={t("finance.invoices.new.chooseOrder")}>
        <Select<number>
          showSearch
          allowClear
          filterOption={false}
          onSearch={setSearch}
          value={salesOrderId}
          onChange={(value) => onChoose(value)}
          loading={orders.isFetching}
          data-testid="invoice-order-select"
          options={(orders.data ?? []).map((order) => ({
            value: order.id,
            label: `${order.number} · ${order.customer.name}`,
          }))}
        />
      </Form.Item>
      {salesOrderId !== undefined ? (
        <QueryView query={lines}>
          {(rows) => {
            const open = rows.filter((row) => Number(row.open_quantity) > 0);
            return (
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Text strong>{t("finance.invoices.new.invoiceable")}</Typography.Text>
                {open.length === 0 ? <Alert type="info" message={t("finance.invoices.new.nothingOpen")} /> : null}
                <Table<InvoiceableLine>
                  data-testid="invoiceable-lines"
                  rowKey={(row) => `${row.shipment_id}-${row.line_no}`}
                  size="small"
                  pagination={false}
                  dataSource={rows}
                  columns={[
                    {
                      key: "shipment",
                      title: t("finance.invoices.new.shipment"),
                      render: (_, row) => `${row.shipment_number} · ${formatDateTime(row.shipped_at, language)}`,
                    },
                    { key: "line", title: t("finance.invoices.lines.orderLine"), dataIndex: "line_no" },
                    { key: "description", title: t("finance.invoices.lines.description"), dataIndex: "description" },
                    {
                      key: "price",
                      title: t("finance.invoices.lines.unitPrice"),
                      align: "right",
                      render: (_, row) =>
                        currency ? formatUnitPrice(row.unit_price, currency, language) : row.unit_price,
                    },
                    {
                      key: "shipped",
                      title: t("finance.invoices.new.shipped"),
                      align: "right",
                      render: (_, row) => formatQuantity(row.shipped_quantity, language),
                    },
                    {
                      key: "invoiced",
                      title: t("finance.invoices.new.invoiced"),
                      align: "right",
                      render: (_, row) => formatQuantity(row.invoiced_quantity, language),
                    },
                    {
                      key: "open",
                      title: t("finance.invoices.new.openQuantity"),
                      align: "right",
                      render: (_, row) => <strong>{formatQuantity(row.open_quantity, language)}</strong>,
                    },
                  ]}
                />
                <Button
                  type="primary"
                  disabled={open.length === 0}
                  loading={create.isPending}
                  onClick={() => void submit()}
                  data-testid="invoice-create-draft"
                >
                  {t("finance.invoices.new.createDraft")}
                </Button>
              </Space>
            );
          }}
        </QueryView>
      ) : null}
    </Form>
  );
}

interface ManualValues {
  partner_name: string;
  partner_tax_id?: string;
  partner_address?: string;
  currency: string;
  lines: { description: string; quantity: number; unit_price: number; tax_rate?: number | null }[];
}

function Manual() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateManualInvoice();
  const key = useRef(newIdempotencyKey());
  const [form] = Form.useForm<ManualValues>();
  const { state, report, clear } = useFormProblem(form);
  const submit = async () => {
    const values = await form.validateFields();
    clear();
    try {
      const invoice = await create.mutateAsync({
        idempotencyKey: key.current,
        body: {
          partner_name: values.partner_name.trim(),
          partner_tax_id: values.partner_tax_id?.trim() ?? "",
          partner_address: values.partner_address?.trim() ?? "",
          currency: values.currency,
          fapiao_type: "",
          notes: "",
          payment_terms: "",
          lines: values.lines.map((line) => ({
            sku: "",
            unit: "",
            description: line.description,
            quantity: String(line.quantity),
            unit_price: String(line.unit_price),
            tax_rate: line.tax_rate === null || line.tax_rate === undefined ? null : String(line.tax_rate),
          })),
        },
      });
      navigate(`/finance/invoices/${invoice.id}`);
    } catch (error) {
      key.current = newIdempotencyKey();
      report(error);
    }
  };
  return (
    <Form<ManualValues>
      form={form}
      layout="vertical"
      name="invoice-manual"
      initialValues={{ currency: "CNY", lines: [{ quantity: 1 }] }}
    >
      <FormAlert state={state} />
      <Form.Item
        name="partner_name"
        label={t("finance.invoices.new.partnerName")}
        rules={[{ required: true, whitespace: true, message: t("finance.invoices.new.partnerRequired") }]}
      >
        <Input data-testid="invoice-partner-name" maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="partner_tax_id" label={t("finance.invoices.fields.partnerTaxId")}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="currency" label={t("finance.invoices.fields.currency")}>
          <Input maxLength={3} style={{ width: 90 }} />
        </Form.Item>
      </Space>
      <Form.Item name="partner_address" label={t("finance.invoices.fields.partnerAddress")}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.List
        name="lines"
        rules={[
          {
            validator: async (_, lines: unknown[]) => {
              if (!lines?.length) throw new Error(t("finance.invoices.new.lineRequired"));
            },
          },
        ]}
      >
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item
                  name={[field.name, "description"]}
                  rules={[{ required: true, whitespace: true, message: t("finance.invoices.new.descriptionRequired") }]}
                >
                  <Input placeholder={t("finance.invoices.lines.description")} style={{ width: 260 }} />
                </Form.Item>
                <Form.Item name={[field.name, "quantity"]} rules={[{ required: true }]}>
                  <InputNumber min={0.0001} placeholder={t("finance.invoices.lines.quantity")} />
                </Form.Item>
                <Form.Item name={[field.name, "unit_price"]} rules={[{ required: true }]}>
                  <InputNumber min={0} placeholder={t("finance.invoices.lines.unitPrice")} />
                </Form.Item>
                <Form.Item name={[field.name, "tax_rate"]}>
                  <InputNumber min={0} max={100} placeholder={t("finance.invoices.lines.taxRate")} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
              {t("finance.invoices.new.addLine")}
            </Button>
          </>
        )}
      </Form.List>
      <Button
        type="primary"
        style={{ marginTop: 16 }}
        loading={create.isPending}
        onClick={() => void submit().catch(() => undefined)}
        data-testid="invoice-manual-submit"
      >
        {t("finance.invoices.new.createDraft")}
      </Button>
    </Form>
  );
}

/** `/finance/invoices/new`: a draft from a sales order's shipments (`?sales_order=`) or typed by hand. */
export function Component() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const mode = params.get("mode") === "manual" ? "manual" : "order";
  const raw = Number(params.get("sales_order"));
  const salesOrderId = Number.isInteger(raw) && raw > 0 ? raw : undefined;
  return (
    <Card title={t("finance.invoices.new.title")}>
      <Segmented
        style={{ marginBottom: 16 }}
        value={mode}
        data-testid="invoice-new-mode"
        onChange={(value) => setParams(value === "manual" ? { mode: "manual" } : {}, { replace: true })}
        options={[
          { value: "order", label: t("finance.invoices.new.fromOrder") },
          { value: "manual", label: t("finance.invoices.new.manual") },
        ]}
      />
      {mode === "order" ? (
        <FromOrder
          salesOrderId={salesOrderId}
          onChoose={(id) => setParams(id ? { sales_order: String(id) } : {}, { replace: true })}
        />
      ) : (
        <Manual />
      )}
    </Card>
  );
}
