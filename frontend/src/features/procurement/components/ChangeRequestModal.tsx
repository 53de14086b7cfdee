import { App, DatePicker, Form, Input, InputNumber, Modal, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { dateFieldProps } from "@/lib/dates";
import { formatDate, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useRequestChange, type ChangeRequestLine } from "../api/changes";
import type { PoLine, PurchaseOrder } from "../api/purchaseOrders";
import { errorsOnRows } from "./lineErrors";
import { decimalPlaces, minorUnits } from "./poFormValues";

interface LineChange {
  line_no: number;
  quantity: string | null;
  unit_price: string | null;
  requested_date: string | null;
}

interface RowData {
  key: number;
  name: number;
  line?: PoLine;
}

interface Values {
  reason: string;
  lines: LineChange[];
}

/**
 * The buyer asks for a change (new quantity, price or date on some lines, and why). On Hansa the supplier
 * answers; outside Hansa it applies at once and the new PDF is e-mailed. Blank fields stay as they are.
 */
export function ChangeRequestModal({
  order,
  open,
  onClose,
}: {
  order: PurchaseOrder;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [empty, setEmpty] = useState(false);
  const request = useRequestChange();
  const { state, report, clear } = useFormProblem(form);
  const minor = minorUnits(order.currency);

  useEffect(() => {
    if (open) {
      clear();
      form.setFieldsValue({
        reason: "",
        lines: order.lines.map((line) => ({
          line_no: line.line_no,
          quantity: null,
          unit_price: null,
          requested_date: null,
        })),
      });
    }
  }, [open, order.lines, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    // Only the lines that change are sent: remember which rows they are, for the errors.
    const rows = values.lines.flatMap((line, index) =>
      line.quantity || line.unit_price || line.requested_date ? [index] : [],
    );
    const lines: ChangeRequestLine[] = rows
      .map((index) => values.lines[index] as LineChange)
      .map((line) => ({
        line_no: line.line_no,
        quantity: line.quantity || null,
        unit_price: line.unit_price || null,
        requested_date: line.requested_date || null,
      }));
    setEmpty(lines.length === 0);
    if (lines.length === 0) return;
    clear();
    try {
      await request.mutateAsync({ id: order.id, body: { reason: values.reason.trim(), lines } });
      void message.success(
        order.on_hansa ? t("procurement.changeRequest.sent") : t("procurement.changeRequest.applied"),
      );
      onClose();
    } catch (error) {
      report(errorsOnRows(error, rows, "quantity"));
    }
  };

  return (
    <Modal
      open={open}
      width={880}
      title={t("procurement.changeRequest.title", { number: order.number })}
      okText={t("procurement.changeRequest.submit")}
      cancelText={t("actions.cancel")}
      confirmLoading={request.isPending}
      okButtonProps={{ "data-testid": "change-submit" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={() => {
        setEmpty(false);
        onClose();
      }}
      forceRender
    >
      <Form form={form} layout="vertical" name="change-request">
        <FormAlert state={state} />
        <Typography.Paragraph type="secondary">
          {order.on_hansa ? t("procurement.changeRequest.introHansa") : t("procurement.changeRequest.introOutside")}
        </Typography.Paragraph>
        {empty ? (
          <Typography.Paragraph type="danger" data-testid="change-empty">
            {t("procurement.changeRequest.nothing")}
          </Typography.Paragraph>
        ) : null}
        <Form.List name="lines">
          {(fields) => (
            <Table<RowData>
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields.map((field) => ({ key: field.key, name: field.name, line: order.lines[field.name] }))}
              columns={[
                {
                  key: "line",
                  title: t("procurement.lines.line"),
                  render: (_, { line }: RowData) =>
                    line ? (
                      <span>
                        #{line.line_no} {line.description || line.sku}
                      </span>
                    ) : null,
                },
                {
                  key: "quantity",
                  title: t("procurement.lines.quantity"),
                  render: (_, { name, line }: RowData) => (
                    <Form.Item
                      name={[name, "quantity"]}
                      style={{ margin: 0 }}
                      rules={[
                        {
                          validator: (_, value: string | null) =>
                            decimalPlaces(value) <= 4
                              ? Promise.resolve()
                              : Promise.reject(new Error(t("procurement.validation.decimals", { n: 4 }))),
                        },
                      ]}
                    >
                      <InputNumber<string>
                        stringMode
                        min="0"
                        placeholder={line ? `${formatQuantity(line.quantity, language)} ${line.unit}` : undefined}
                        style={{ width: "100%" }}
                        data-testid={`change-line-${name}-quantity`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: "price",
                  title: t("procurement.lines.unitPrice", { currency: order.currency }),
                  render: (_, { name, line }: RowData) => (
                    <Form.Item
                      name={[name, "unit_price"]}
                      style={{ margin: 0 }}
                      rules={[
                        {
                          validator: (_, value: string | null) =>
                            decimalPlaces(value) <= minor
                              ? Promise.resolve()
                              : Promise.reject(
                                  new Error(
                                    t("procurement.validation.priceDecimals", { currency: order.currency, n: minor }),
                                  ),
                                ),
                        },
                      ]}
                    >
                      <InputNumber<string>
                        stringMode
                        min="0"
                        placeholder={line ? formatUnitPrice(line.unit_price, order.currency, language) : undefined}
                        style={{ width: "100%" }}
                        data-testid={`change-line-${name}-price`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: "date",
                  title: t("procurement.lines.requestedDate"),
                  render: (_, { name, line }: RowData) => (
                    <Form.Item name={[name, "requested_date"]} style={{ margin: 0 }} {...dateFieldProps}>
                      <DatePicker
                        placeholder={line?.requested_date ? formatDate(line.requested_date, language) : undefined}
                        style={{ width: "100%" }}
                        data-testid={`change-line-${name}-date`}
                      />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
        <Form.Item
          name="reason"
          label={t("procurement.changeRequest.reason")}
          style={{ marginTop: 16 }}
          rules={[
            { required: true, whitespace: true, message: t("procurement.validation.reasonRequired") },
            { max: 2000, message: t("validation.maxLength", { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={2} data-testid="change-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
