import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Table, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "@/components/FormAlert";
import { dateTimeFieldProps } from "@/lib/dates";
import { currentLanguage } from "@/lib/i18n";
import type { SalesOrder, SalesOrderLine } from "../api/salesOrders";
import { useCreateShipment } from "../api/shipments";
import { useSentRowsProblem } from "./formProblem";
import { newIdempotencyKey } from "./idempotencyKey";
import { decimalInput, num, quantityWithUnit, sentLinesFieldMap } from "./quantities";

interface ShipValues {
  carrier: string;
  tracking_number: string;
  packages: number;
  shipped_at: string | null;
  notes: string;
  lines: { quantity: string | null }[];
}

/** What a line can ship now: what is left, as far as stock is reserved for it. */
function shippable(line: SalesOrderLine): number {
  return Math.max(0, Math.min(num(line.open_quantity), num(line.reserved)));
}

/**
 * A shipment of (part of) the order: per line the quantity in this shipment (blank or 0: not in it),
 * carrier, tracking number and packages. Stock is issued from the line's reservation and the buyer
 * gets a dispatch advice.
 */
export function ShipmentModal({ order, open, onClose }: { order: SalesOrder; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm<ShipValues>();
  const { state, report, clear } = useSentRowsProblem(form);
  const ship = useCreateShipment();
  // A new key for each time the dialog opens: a retry of the same submit then ships only once.
  const key = useRef(newIdempotencyKey());
  const [empty, setEmpty] = useState(false);
  const dismiss = () => {
    setEmpty(false);
    onClose();
  };

  useEffect(() => {
    if (open) {
      clear();
      key.current = newIdempotencyKey();
      form.resetFields();
      form.setFieldsValue({
        carrier: "",
        tracking_number: "",
        packages: 1,
        shipped_at: null,
        notes: "",
        lines: order.lines.map((line) => ({ quantity: shippable(line) > 0 ? String(shippable(line)) : null })),
      });
    }
    // Only when the dialog opens: a refetch of the order must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const rows: number[] = [];
    const lines: { line_no: number; quantity: string }[] = [];
    order.lines.forEach((line, index) => {
      const quantity = decimalInput(values.lines[index]?.quantity);
      if (quantity === null || num(quantity) <= 0) return;
      rows.push(index);
      lines.push({ line_no: line.line_no, quantity });
    });
    if (lines.length === 0) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    try {
      const shipment = await ship.mutateAsync({
        id: order.id,
        idempotencyKey: key.current,
        body: {
          carrier: values.carrier.trim(),
          tracking_number: values.tracking_number.trim(),
          packages: values.packages,
          shipped_at: values.shipped_at,
          notes: values.notes.trim(),
          lines,
        },
      });
      void message.success(t("sales.ship.done", { number: shipment.number }));
      dismiss();
    } catch (error) {
      report(error, sentLinesFieldMap(rows, ["line_no", "quantity"]));
    }
  };

  return (
    <Modal
      open={open}
      width={960}
      title={t("sales.ship.title", { number: order.number })}
      okText={t("sales.ship.submit")}
      cancelText={t("actions.back")}
      confirmLoading={ship.isPending}
      okButtonProps={{ "data-testid": "ship-submit" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={dismiss}
      forceRender
    >
      <Form form={form} layout="vertical" name="shipment" data-testid="ship-form">
        <FormAlert state={state} />
        {empty ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t("sales.ship.nothing")}
            data-testid="ship-nothing"
          />
        ) : null}
        <Typography.Paragraph type="secondary">{t("sales.ship.intro")}</Typography.Paragraph>
        <Table<SalesOrderLine>
          size="small"
          rowKey="line_no"
          pagination={false}
          dataSource={order.lines}
          scroll={{ x: true }}
          onRow={(line) => ({ "data-testid": `ship-line-${line.line_no}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: "line", title: "#", dataIndex: "line_no", width: 40 },
            {
              key: "item",
              title: t("sales.lines.item"),
              render: (_, line) => (
                <span>
                  {line.sku}
                  {line.description ? (
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                      {line.description}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            {
              key: "accepted",
              title: t("sales.lines.accepted"),
              align: "right",
              render: (_, line) => quantityWithUnit(line.quantity, line.unit, language),
            },
            {
              key: "shipped",
              title: t("sales.lines.shipped"),
              align: "right",
              render: (_, line) => quantityWithUnit(line.shipped_quantity, line.unit, language),
            },
            {
              key: "open",
              title: t("sales.lines.open"),
              align: "right",
              render: (_, line) => quantityWithUnit(line.open_quantity, line.unit, language),
            },
            {
              key: "reserved",
              title: t("sales.lines.reserved"),
              align: "right",
              render: (_, line) =>
                num(line.reserved) < num(line.open_quantity) ? (
                  <Typography.Text type="warning">
                    {quantityWithUnit(line.reserved, line.unit, language)}
                  </Typography.Text>
                ) : (
                  quantityWithUnit(line.reserved, line.unit, language)
                ),
            },
            {
              key: "ship",
              title: t("sales.ship.quantity"),
              render: (_, line, index) => (
                <Form.Item
                  name={["lines", index, "quantity"]}
                  style={{ margin: 0 }}
                  rules={[
                    {
                      validator: (_r, value: string | null) =>
                        value === null || value === undefined || value === "" || num(value) <= num(line.open_quantity)
                          ? Promise.resolve()
                          : Promise.reject(
                              new Error(
                                t("sales.ship.tooMuch", {
                                  quantity: quantityWithUnit(line.open_quantity, line.unit, language),
                                }),
                              ),
                            ),
                    },
                  ]}
                >
                  <InputNumber
                    stringMode
                    min="0"
                    max={line.open_quantity}
                    disabled={num(line.open_quantity) <= 0}
                    suffix={line.unit}
                    style={{ width: 150 }}
                    data-testid={`ship-line-quantity-${index}`}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} md={8}>
            <Form.Item
              name="carrier"
              label={t("sales.ship.carrier")}
              rules={[
                { required: true, whitespace: true, message: t("sales.ship.carrierRequired") },
                { max: 200, message: t("validation.maxLength", { max: 200 }) },
              ]}
            >
              <Input data-testid="ship-carrier" placeholder={t("sales.ship.carrierPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="tracking_number"
              label={t("sales.ship.tracking")}
              rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input data-testid="ship-tracking" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="packages"
              label={t("sales.ship.packages")}
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <InputNumber min={1} max={100000} precision={0} style={{ width: "100%" }} data-testid="ship-packages" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="shipped_at"
              label={t("sales.ship.shippedAt")}
              extra={t("sales.ship.shippedAtHelp")}
              {...dateTimeFieldProps}
            >
              <DatePicker
                showTime={{ format: "HH:mm" }}
                needConfirm={false}
                format="YYYY-MM-DD HH:mm"
                style={{ width: "100%" }}
                data-testid="ship-shipped-at"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="notes"
              label={t("sales.ship.notes")}
              rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
            >
              <Input.TextArea rows={2} data-testid="ship-notes" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
