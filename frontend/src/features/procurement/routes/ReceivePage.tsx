import { InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { ErrorState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { ProblemError } from "@/lib/problem";
import { usePurchaseOrder } from "../api/purchaseOrder";
import type { PoLine, PurchaseOrder } from "../api/purchaseOrders";
import { useReceiveGoods, type ReceiptLineInput } from "../api/receipts";
import { useWarehouses } from "../api/warehouses";
import { newIdempotencyKey } from "../components/idempotencyKey";
import { errorsOnRows } from "../components/lineErrors";
import { PoStatusTag } from "../components/PoStatusTag";
import { addDecimal, compareDecimal, decimalPlaces, isPositive, subtractDecimal } from "../components/poFormValues";

const RECEIVABLE = ["sent", "acknowledged", "changed", "partly_received"];

interface LineValues {
  line_no: number;
  accepted_quantity: string | null;
  rejected_quantity: string | null;
  rejection_reason: string;
}

interface Values {
  warehouse_id: number | null;
  shipment_id: number | null;
  note: string;
  lines: LineValues[];
}

/** What is still open on a line: ordered minus accepted so far (rejected goods go back and stay open). */
function openOf(line: PoLine): string {
  const open = subtractDecimal(line.quantity, line.received_quantity);
  return compareDecimal(open, "0") > 0 ? open : "0";
}

function ReceiveForm({ order }: { order: PurchaseOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAccess();
  const [form] = Form.useForm<Values>();
  const { state, report, clear } = useFormProblem(form);
  const receive = useReceiveGoods();
  const warehouses = useWarehouses({ enabled: can("stock.view") });
  // One key per receipt being entered: a retry after a lost answer records it only once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [nothing, setNothing] = useState(false);

  const initialValues = useMemo<Values>(
    () => ({
      warehouse_id: null,
      shipment_id: null,
      note: "",
      lines: order.lines.map((line) => ({
        line_no: line.line_no,
        accepted_quantity: null,
        rejected_quantity: null,
        rejection_reason: "",
      })),
    }),
    [order.lines],
  );

  const fillOpen = () => {
    const lines = (form.getFieldValue("lines") as LineValues[]).map((values, index) => {
      const line = order.lines[index];
      const open = line ? openOf(line) : "0";
      return isPositive(open) ? { ...values, accepted_quantity: open, rejected_quantity: null } : values;
    });
    form.setFieldValue("lines", lines);
  };

  const onFinish = async (values: Values) => {
    clear();
    const rows = values.lines.flatMap((line, index) =>
      isPositive(line.accepted_quantity) || isPositive(line.rejected_quantity) ? [index] : [],
    );
    setNothing(rows.length === 0);
    if (rows.length === 0) return;
    const lines: ReceiptLineInput[] = rows.map((index) => {
      const line = values.lines[index] as LineValues;
      return {
        line_no: line.line_no,
        accepted_quantity: line.accepted_quantity || "0",
        rejected_quantity: line.rejected_quantity || "0",
        rejection_reason: line.rejection_reason.trim(),
      };
    });
    try {
      const receipt = await receive.mutateAsync({
        id: order.id,
        idempotencyKey,
        body: {
          lines,
          warehouse_id: values.warehouse_id ?? null,
          shipment_id: values.shipment_id ?? null,
          note: values.note.trim(),
        },
      });
      void message.success(t("procurement.receive.done", { number: receipt.number }));
      void navigate(`/purchase-orders/${order.id}`);
    } catch (error) {
      report(errorsOnRows(error, rows, "accepted_quantity"));
    }
  };

  const quantityRules = (index: number, field: "accepted_quantity" | "rejected_quantity") => [
    {
      validator: (_: unknown, value: string | null) =>
        decimalPlaces(value) <= 4
          ? Promise.resolve()
          : Promise.reject(new Error(t("procurement.validation.decimals", { n: 4 }))),
    },
    ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
      validator: () => {
        if (field !== "accepted_quantity") return Promise.resolve();
        const line = order.lines[index];
        if (!line) return Promise.resolve();
        const accepted = String(getFieldValue(["lines", index, "accepted_quantity"]) ?? "") || "0";
        const rejected = String(getFieldValue(["lines", index, "rejected_quantity"]) ?? "") || "0";
        const both = addDecimal(accepted, rejected);
        return compareDecimal(both, openOf(line)) <= 0
          ? Promise.resolve()
          : Promise.reject(
              new Error(
                t("procurement.receive.moreThanOpen", {
                  open: `${formatQuantity(openOf(line), language)} ${line.unit}`,
                }),
              ),
            );
      },
    }),
  ];

  return (
    <Form<Values>
      form={form}
      name="receive"
      layout="vertical"
      data-testid="receive-form"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError
    >
      <FormAlert state={state} />
      {nothing ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="receive-nothing"
          message={t("procurement.receive.nothing")}
        />
      ) : null}
      <Card
        size="small"
        title={t("procurement.receive.lines")}
        extra={
          <Button size="small" onClick={fillOpen} data-testid="receive-fill-open">
            {t("procurement.receive.fillOpen")}
          </Button>
        }
        style={{ marginBottom: 16 }}
      >
        <Form.List name="lines">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              scroll={{ x: true }}
              dataSource={fields.map((field) => ({ key: field.key, index: field.name }))}
              onRow={(row) => ({ "data-testid": `receive-line-${row.index}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "line",
                  title: t("procurement.lines.line"),
                  render: (_, { index }) => {
                    const line = order.lines[index];
                    return line ? (
                      <Space direction="vertical" size={0}>
                        <Typography.Text>
                          #{line.line_no} {line.description || line.sku}
                        </Typography.Text>
                        {line.sku ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {line.sku}
                          </Typography.Text>
                        ) : null}
                      </Space>
                    ) : null;
                  },
                },
                {
                  key: "ordered",
                  title: t("procurement.lines.ordered"),
                  align: "right",
                  render: (_, { index }) => {
                    const line = order.lines[index];
                    return line ? `${formatQuantity(line.quantity, language)} ${line.unit}` : null;
                  },
                },
                {
                  key: "received",
                  title: t("procurement.lines.received"),
                  align: "right",
                  render: (_, { index }) => {
                    const line = order.lines[index];
                    return line ? formatQuantity(line.received_quantity, language) : null;
                  },
                },
                {
                  key: "open",
                  title: t("procurement.lines.open"),
                  align: "right",
                  render: (_, { index }) => {
                    const line = order.lines[index];
                    return line ? (
                      <span data-testid={`receive-line-open-${index}`}>{formatQuantity(openOf(line), language)}</span>
                    ) : null;
                  },
                },
                {
                  key: "accepted",
                  title: t("procurement.receive.accepted"),
                  width: 160,
                  render: (_, { index }) => {
                    const line = order.lines[index];
                    const closed = !line || !isPositive(openOf(line));
                    return (
                      <Form.Item
                        name={[index, "accepted_quantity"]}
                        style={{ margin: 0 }}
                        dependencies={[["lines", index, "rejected_quantity"]]}
                        rules={quantityRules(index, "accepted_quantity")}
                      >
                        <InputNumber<string>
                          stringMode
                          min="0"
                          disabled={closed}
                          placeholder={closed ? t("procurement.receive.complete") : undefined}
                          style={{ width: "100%" }}
                          data-testid={`receive-line-accepted-${index}`}
                        />
                      </Form.Item>
                    );
                  },
                },
                {
                  key: "rejected",
                  title: t("procurement.receive.rejected"),
                  width: 140,
                  render: (_, { index }) => {
                    const line = order.lines[index];
                    const closed = !line || !isPositive(openOf(line));
                    return (
                      <Form.Item
                        name={[index, "rejected_quantity"]}
                        style={{ margin: 0 }}
                        rules={quantityRules(index, "rejected_quantity")}
                      >
                        <InputNumber<string>
                          stringMode
                          min="0"
                          disabled={closed}
                          style={{ width: "100%" }}
                          data-testid={`receive-line-rejected-${index}`}
                        />
                      </Form.Item>
                    );
                  },
                },
                {
                  key: "reason",
                  title: t("procurement.receive.reason"),
                  width: 240,
                  render: (_, { index }) => (
                    <Form.Item
                      name={[index, "rejection_reason"]}
                      style={{ margin: 0 }}
                      dependencies={[["lines", index, "rejected_quantity"]]}
                      rules={[
                        { max: 500, message: t("validation.maxLength", { max: 500 }) },
                        ({ getFieldValue }) => ({
                          validator: (_, value: string | undefined) =>
                            isPositive(getFieldValue(["lines", index, "rejected_quantity"]) as string | null) &&
                            !value?.trim()
                              ? Promise.reject(new Error(t("procurement.receive.reasonRequired")))
                              : Promise.resolve(),
                        }),
                      ]}
                    >
                      <Input
                        placeholder={t("procurement.receive.reasonPlaceholder")}
                        data-testid={`receive-line-reason-${index}`}
                      />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t("procurement.receive.where")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {can("stock.view") ? (
            <Col xs={24} md={8}>
              <Form.Item
                name="warehouse_id"
                label={t("procurement.receipts.warehouse")}
                extra={t("procurement.receive.warehouseHelp")}
              >
                <Select<number | null>
                  allowClear
                  loading={warehouses.isPending}
                  placeholder={t("procurement.receipts.defaultWarehouse")}
                  options={(warehouses.data ?? []).map((w) => ({
                    value: w.id,
                    label: `${w.code} · ${w.name}${w.is_default ? ` (${t("procurement.receive.default")})` : ""}`,
                  }))}
                  data-testid="receive-warehouse"
                />
              </Form.Item>
            </Col>
          ) : null}
          {order.shipments.length > 0 ? (
            <Col xs={24} md={8}>
              <Form.Item
                name="shipment_id"
                label={t("procurement.receive.shipment")}
                extra={t("procurement.receive.shipmentHelp")}
              >
                <Select<number | null>
                  allowClear
                  options={order.shipments.map((s) => ({
                    value: s.id,
                    label: [
                      s.shipment_number || `#${s.id}`,
                      s.carrier,
                      s.tracking_number,
                      s.shipped_at ? formatDateTime(s.shipped_at, language) : null,
                    ]
                      .filter(Boolean)
                      .join(" · "),
                  }))}
                  data-testid="receive-shipment"
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item
              name="note"
              label={t("procurement.receipts.note")}
              rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
            >
              <Input.TextArea rows={1} data-testid="receive-note" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Space wrap>
        <Button
          type="primary"
          htmlType="submit"
          icon={<InboxOutlined />}
          loading={receive.isPending}
          data-testid="receive-submit"
        >
          {t("procurement.receive.submit")}
        </Button>
        <Typography.Text type="secondary">
          {order.on_hansa ? t("procurement.receive.afterHansa") : t("procurement.receive.after")}
        </Typography.Text>
      </Space>
    </Form>
  );
}

function ReceiveView({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  if (!RECEIVABLE.includes(order.status)) {
    return (
      <ErrorState
        error={new ProblemError({ status: 409, code: "invalid_transition" })}
        extra={
          <Link to={`/purchase-orders/${order.id}`}>
            <Button>{t("procurement.backToOrder")}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Space wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("procurement.receive.title", { number: order.number })}
        </Typography.Title>
        <PoStatusTag status={order.status} />
      </Space>
      <Typography.Text type="secondary">
        {t("procurement.receive.intro", { supplier: order.supplier_name })}
      </Typography.Text>
      <ReceiveForm order={order} />
    </Space>
  );
}

export function ReceivePage() {
  const { t } = useTranslation();
  const id = Number(useParams().orderId);
  const order = usePurchaseOrder(Number.isFinite(id) ? id : null);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="receive-page">
      <Link to={`/purchase-orders/${id}`}>← {t("procurement.backToOrder")}</Link>
      <QueryView query={order} loadingRows={8}>
        {(data) => <ReceiveView order={data} />}
      </QueryView>
    </Space>
  );
}

export { ReceivePage as Component };
