import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import {
  dateColumn,
  descriptionColumn,
  LineEditor,
  LineTotals,
  priceColumn,
  quantityColumn,
  taxRateColumn,
  unitColumn,
  type LineColumn,
} from "@/components/LineEditor";
import { dateFieldProps, dayjs } from "@/lib/dates";
import { CURRENCIES } from "@/lib/regions";
import type { Customer, CustomerSummary } from "../api/customers";
import type { ManualOrderInput, SalesOrder } from "../api/salesOrders";
import { CustomerFormModal } from "./CustomerFormModal";
import { CustomerPicker } from "./CustomerPicker";
import { decimalInput, num } from "./quantities";

interface LineValues {
  sku: string;
  description: string;
  quantity: string | null;
  unit: string;
  unit_price: string | null;
  tax_rate: string | null;
  requested_date: string | null;
}

export interface OrderValues {
  customer_id: number | null;
  currency: ManualOrderInput["currency"];
  order_date: string | null;
  requested_date: string | null;
  customer_reference: string;
  payment_terms: string;
  ship_to: string;
  notes: string;
  lines: LineValues[];
}

const EMPTY_LINE: LineValues = {
  sku: "",
  description: "",
  quantity: null,
  unit: "pcs",
  unit_price: null,
  tax_rate: "0",
  requested_date: null,
};

function initialValues(order: SalesOrder | null, currency: string, customer: Customer | null): OrderValues {
  if (!order) {
    return {
      customer_id: customer?.id ?? null,
      currency: (customer?.currency || currency) as OrderValues["currency"],
      order_date: dayjs().format("YYYY-MM-DD"),
      requested_date: null,
      customer_reference: "",
      payment_terms: customer?.payment_terms ?? "",
      ship_to: customer?.address ?? "",
      notes: "",
      lines: [{ ...EMPTY_LINE }],
    };
  }
  return {
    customer_id: order.customer.id,
    currency: order.currency as OrderValues["currency"],
    order_date: order.order_date,
    requested_date: order.requested_date,
    customer_reference: order.customer_reference,
    payment_terms: order.payment_terms,
    ship_to: order.ship_to,
    notes: order.notes,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit,
      unit_price: line.unit_price,
      tax_rate: line.tax_rate,
      requested_date: line.requested_date,
    })),
  };
}

function bodyOf(values: OrderValues): ManualOrderInput {
  return {
    customer_id: values.customer_id ?? 0,
    currency: values.currency,
    order_date: values.order_date,
    requested_date: values.requested_date,
    customer_reference: values.customer_reference.trim(),
    payment_terms: values.payment_terms.trim(),
    ship_to: values.ship_to.trim(),
    notes: values.notes.trim(),
    lines: values.lines.map((line) => ({
      sku: line.sku.trim(),
      description: line.description.trim(),
      quantity: decimalInput(line.quantity) ?? "",
      unit: line.unit.trim(),
      unit_price: decimalInput(line.unit_price) ?? "",
      tax_rate: decimalInput(line.tax_rate) ?? "0",
      requested_date: line.requested_date,
    })),
  };
}

/**
 * An order entered by hand for a customer outside Hansa (a phone call, a fax, an e-mail): the customer,
 * currency, dates and terms, and the lines. It then awaits acceptance like an order from Hansa.
 */
export function SalesOrderForm({
  order,
  customer = null,
  currency,
  submitting,
  onSubmit,
}: {
  order: SalesOrder | null;
  /** A new order's customer, when it starts from the customer's page. */
  customer?: Customer | null;
  currency: string;
  submitting: boolean;
  onSubmit: (body: ManualOrderInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OrderValues>();
  const { state, report, clear } = useFormProblem(form);
  const [customerName, setCustomerName] = useState(order?.customer.name ?? customer?.name);
  const [creating, setCreating] = useState(false);
  const initial = useMemo(() => initialValues(order, currency, customer), [order, currency, customer]);
  const lines = Form.useWatch("lines", form) ?? initial.lines;
  const chosenCurrency = Form.useWatch("currency", form) ?? initial.currency;

  const totals = lines.reduce(
    (sum, line) => {
      const net = num(line?.quantity) * num(line?.unit_price);
      return { net: sum.net + net, tax: sum.tax + (net * num(line?.tax_rate)) / 100 };
    },
    { net: 0, tax: 0 },
  );

  const pick = (customer: Pick<CustomerSummary, "name" | "currency" | "payment_terms"> & { address?: string }) => {
    setCustomerName(customer.name);
    const current = form.getFieldsValue(["payment_terms", "ship_to"]) as Pick<OrderValues, "payment_terms" | "ship_to">;
    const patch: Partial<OrderValues> = {};
    if (customer.currency) patch.currency = customer.currency as OrderValues["currency"];
    if (!current.payment_terms && customer.payment_terms) patch.payment_terms = customer.payment_terms;
    if (!current.ship_to && customer.address) patch.ship_to = customer.address;
    form.setFieldsValue(patch);
  };

  const onFinish = async (values: OrderValues) => {
    clear();
    try {
      await onSubmit(bodyOf(values));
    } catch (error) {
      report(error);
    }
  };

  const required = { required: true, message: t("validation.required") };
  const lineColumns: LineColumn<LineValues>[] = [
    {
      field: "sku",
      label: t("sales.lines.sku"),
      testId: "sku",
      span: { xs: 24, md: 6 },
      rules: () => [
        { required: true, whitespace: true, message: t("validation.required") },
        { max: 100, message: t("validation.maxLength", { max: 100 }) },
      ],
      input: ({ testId }) => <Input data-testid={testId} />,
    },
    descriptionColumn<LineValues>({
      field: "description",
      label: t("sales.lines.description"),
      maxLength: 1000,
      maxLengthMessage: t("validation.maxLength", { max: 1000 }),
    }),
    quantityColumn<LineValues>({
      field: "quantity",
      label: t("sales.lines.quantity"),
      requiredMessage: t("validation.required"),
      positiveMessage: t("sales.form.positive"),
    }),
    unitColumn<LineValues>({
      field: "unit",
      label: t("sales.lines.unit"),
      requiredMessage: t("validation.required"),
      maxLength: 32,
      maxLengthMessage: t("validation.maxLength", { max: 32 }),
    }),
    priceColumn<LineValues>({
      field: "unit_price",
      label: t("sales.lines.unitPriceIn", { currency: chosenCurrency }),
      rules: [required],
    }),
    taxRateColumn<LineValues>({ field: "tax_rate", label: t("sales.lines.taxRate") }),
    dateColumn<LineValues>({
      field: "requested_date",
      label: t("sales.fields.requestedDate"),
      extra: t("sales.form.lineDateHelp"),
    }),
  ];
  return (
    <Form<OrderValues>
      form={form}
      name="sales-order"
      layout="vertical"
      data-testid="so-form"
      initialValues={initial}
      onFinish={onFinish}
      scrollToFirstError
    >
      <FormAlert state={state} />
      <Card size="small" title={t("sales.form.customerSection")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("sales.fields.customer")}
              required
              extra={order ? undefined : t("sales.form.customerHelp")}
            >
              <Space.Compact style={{ width: "100%" }}>
                <Form.Item
                  name="customer_id"
                  noStyle
                  rules={[{ required: true, message: t("sales.form.customerRequired") }]}
                >
                  <CustomerPicker
                    label={customerName}
                    onPick={pick}
                    disabled={order !== null}
                    data-testid="so-customer"
                  />
                </Form.Item>
                {order ? null : (
                  <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create-open">
                    {t("sales.customers.new")}
                  </Button>
                )}
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="customer_reference"
              label={t("sales.fields.customerReference")}
              rules={[{ max: 64, message: t("validation.maxLength", { max: 64 }) }]}
            >
              <Input data-testid="so-customer-reference" placeholder={t("sales.form.customerReferencePlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="currency" label={t("sales.fields.currency")} rules={[required]}>
              <Select data-testid="so-currency" showSearch options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="order_date" label={t("sales.fields.orderDate")} {...dateFieldProps}>
              <DatePicker style={{ width: "100%" }} data-testid="so-order-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="requested_date" label={t("sales.fields.requestedDate")} {...dateFieldProps}>
              <DatePicker style={{ width: "100%" }} data-testid="so-requested-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="payment_terms"
              label={t("sales.fields.paymentTerms")}
              rules={[{ max: 500, message: t("validation.maxLength", { max: 500 }) }]}
            >
              <Input data-testid="so-payment-terms" placeholder={t("sales.form.paymentTermsPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ship_to"
              label={t("sales.fields.shipTo")}
              rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
            >
              <Input.TextArea rows={2} data-testid="so-ship-to" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="notes"
              label={t("sales.fields.notes")}
              rules={[{ max: 10000, message: t("validation.maxLength", { max: 10000 }) }]}
            >
              <Input.TextArea rows={2} data-testid="so-notes" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t("sales.sections.lines")} style={{ marginBottom: 16 }}>
        <LineEditor<LineValues>
          form={form}
          columns={lineColumns}
          emptyLine={() => ({ ...EMPTY_LINE })}
          emptyMessage={t("sales.form.oneLine")}
          testIdPrefix="so-line"
          listTestId="so-form-lines"
          lineTestId={(index) => `so-line-form-${index}`}
          labels={{
            title: (line) => t("sales.amendments.line", { line }),
            remove: t("actions.delete"),
            add: t("sales.form.addLine"),
          }}
        />
        <LineTotals
          amounts={{ net: totals.net, tax: totals.tax, total: totals.net + totals.tax }}
          currency={chosenCurrency}
          labels={{ net: t("sales.totals.net"), tax: t("sales.totals.tax"), total: t("sales.totals.total") }}
          testIdPrefix="so-form-total"
        />
        <Typography.Text type="secondary">{t("sales.form.totalsHelp")}</Typography.Text>
      </Card>

      <Space>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="so-save">
          {order ? t("actions.save") : t("sales.form.create")}
        </Button>
      </Space>
      <CustomerFormModal
        customer={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => {
          form.setFieldsValue({ customer_id: customer.id });
          pick(customer);
        }}
      />
    </Form>
  );
}
