import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "@/components/FormAlert";
import { dateFieldProps } from "@/lib/dates";
import { formatDate, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useProposeAmendment } from "../api/amendments";
import { useProposeTerms, type TermsLineInput } from "../api/orderActions";
import type { SalesOrder, SalesOrderLine } from "../api/salesOrders";
import { useSentRowsProblem } from "./formProblem";
import { decimalInput, num, quantityWithUnit, sentLinesFieldMap } from "./quantities";

interface TermsRow {
  quantity: string | null;
  unit_price: string | null;
  promised_date: string | null;
}

interface TermsValues {
  reason: string;
  lines: TermsRow[];
}

const FIELDS = ["line_no", "quantity", "unit_price", "promised_date"] as const;

/**
 * Other terms per line — quantity, unit price, promised date; blank keeps what is agreed. Before
 * acceptance (`propose`) it answers the buyer's purchase order with a proposal; after acceptance
 * (`amend`) it proposes a change (a new version) the buyer accepts or rejects. An order entered by hand
 * takes a change at once.
 */
export function TermsModal({
  order,
  mode,
  open,
  onClose,
}: {
  order: SalesOrder;
  mode: "propose" | "amend";
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm<TermsValues>();
  const { state, report, clear } = useSentRowsProblem(form);
  const propose = useProposeTerms();
  const amend = useProposeAmendment();
  const [nothing, setNothing] = useState(false);
  const pending = propose.isPending || amend.isPending;
  const dismiss = () => {
    setNothing(false);
    onClose();
  };

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
      form.setFieldsValue({
        reason: "",
        lines: order.lines.map(() => ({ quantity: null, unit_price: null, promised_date: null })),
      });
    }
  }, [open, order.lines, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const rows: number[] = [];
    const lines: TermsLineInput[] = [];
    order.lines.forEach((line, index) => {
      const row = values.lines[index];
      const quantity = decimalInput(row?.quantity);
      const unitPrice = decimalInput(row?.unit_price);
      const date = row?.promised_date ?? null;
      if (quantity === null && unitPrice === null && date === null) return;
      rows.push(index);
      lines.push({ line_no: line.line_no, quantity, unit_price: unitPrice, promised_date: date });
    });
    if (lines.length === 0) {
      setNothing(true);
      return;
    }
    setNothing(false);
    const body = { reason: values.reason.trim(), lines };
    try {
      if (mode === "propose") await propose.mutateAsync({ id: order.id, body });
      else await amend.mutateAsync({ id: order.id, body });
      void message.success(
        mode === "propose"
          ? t("sales.terms.proposed")
          : order.source === "manual"
            ? t("sales.terms.changedNow")
            : t("sales.terms.changeSent"),
      );
      dismiss();
    } catch (error) {
      report(error, sentLinesFieldMap(rows, FIELDS));
    }
  };

  return (
    <Modal
      open={open}
      width={1000}
      title={mode === "propose" ? t("sales.terms.proposeTitle") : t("sales.terms.amendTitle")}
      okText={mode === "propose" ? t("sales.terms.proposeSubmit") : t("sales.terms.amendSubmit")}
      cancelText={t("actions.back")}
      confirmLoading={pending}
      okButtonProps={{ "data-testid": "terms-submit" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={dismiss}
      forceRender
    >
      <Form form={form} layout="vertical" name={`terms-${mode}`} data-testid="terms-form">
        <FormAlert state={state} />
        {nothing ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t("sales.terms.nothingChanged")}
            data-testid="terms-nothing"
          />
        ) : null}
        <Typography.Paragraph type="secondary">
          {mode === "propose"
            ? t("sales.terms.proposeIntro")
            : order.source === "manual"
              ? t("sales.terms.amendManualIntro")
              : t("sales.terms.amendIntro")}
        </Typography.Paragraph>
        {order.pending_amendments > 0 && mode === "amend" ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t("sales.terms.pendingNote")} />
        ) : null}
        <Table<SalesOrderLine>
          size="small"
          rowKey="line_no"
          pagination={false}
          dataSource={order.lines}
          scroll={{ x: true }}
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
              key: "now",
              title: t("sales.terms.agreed"),
              render: (_, line) => (
                <span style={{ whiteSpace: "nowrap" }}>
                  {quantityWithUnit(line.quantity, line.unit, language)}
                  <br />
                  {formatUnitPrice(line.unit_price, order.currency, language)}
                  <br />
                  {formatDate(line.promised_date ?? line.requested_date, language)}
                </span>
              ),
            },
            {
              key: "quantity",
              title: t("sales.terms.newQuantity"),
              render: (_, line, index) => (
                <Form.Item
                  name={["lines", index, "quantity"]}
                  style={{ margin: 0 }}
                  rules={
                    mode === "amend" && num(line.shipped_quantity) > 0
                      ? [
                          {
                            validator: (_r, value: string | null) =>
                              value === null || value === undefined || num(value) >= num(line.shipped_quantity)
                                ? Promise.resolve()
                                : Promise.reject(
                                    new Error(
                                      t("sales.terms.notBelowShipped", {
                                        quantity: quantityWithUnit(line.shipped_quantity, line.unit, language),
                                      }),
                                    ),
                                  ),
                          },
                        ]
                      : []
                  }
                >
                  <InputNumber
                    stringMode
                    min="0.0001"
                    step="1"
                    suffix={line.unit}
                    style={{ width: 150 }}
                    data-testid={`terms-line-${index}-quantity`}
                  />
                </Form.Item>
              ),
            },
            {
              key: "price",
              title: t("sales.terms.newPrice", { currency: order.currency }),
              render: (_, _line, index) => (
                <Form.Item name={["lines", index, "unit_price"]} style={{ margin: 0 }}>
                  <InputNumber stringMode min="0" style={{ width: 130 }} data-testid={`terms-line-${index}-price`} />
                </Form.Item>
              ),
            },
            {
              key: "date",
              title: t("sales.terms.newDate"),
              render: (_, _line, index) => (
                <Form.Item name={["lines", index, "promised_date"]} style={{ margin: 0 }} {...dateFieldProps}>
                  <DatePicker style={{ width: 150 }} data-testid={`terms-line-${index}-date`} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item
          name="reason"
          label={t("sales.terms.reason")}
          style={{ marginTop: 16 }}
          rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
        >
          <Input.TextArea rows={2} data-testid="terms-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
