import { Alert, Form, Input, Modal, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { PurchaseOrder } from "../api/purchaseOrders";

/** A form in a dialog that stays open, with the server's problem shown, until the request succeeds. */
function useDialogForm<V extends object>(open: boolean, initial: V) {
  const [form] = Form.useForm<V>();
  const problem = useFormProblem(form);
  const [busy, setBusy] = useState(false);
  const { clear } = problem;
  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
      form.setFieldsValue(initial as Parameters<typeof form.setFieldsValue>[0]);
    }
    // `initial` is a fresh literal each render: resetting on open is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form, clear]);
  const run = async (submit: (values: V) => Promise<unknown>, onDone: () => void) => {
    const values = await form.validateFields();
    problem.clear();
    setBusy(true);
    try {
      await submit(values);
      onDone();
    } catch (error) {
      problem.report(error);
    } finally {
      setBusy(false);
    }
  };
  return { form, state: problem.state, busy, run };
}

/** Approve the order's current step, with an optional note; says when it is done for someone away. */
export function ApproveModal({
  order,
  level,
  onBehalfOf,
  open,
  onApprove,
  onClose,
}: {
  order: Pick<PurchaseOrder, "number" | "supplier_name" | "total" | "currency">;
  level: number | null;
  onBehalfOf: string | null;
  open: boolean;
  onApprove: (note: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { form, state, busy, run } = useDialogForm<{ note: string }>(open, { note: "" });
  return (
    <Modal
      open={open}
      title={t("procurement.approve.title", { number: order.number })}
      okText={t("procurement.approve.submit")}
      cancelText={t("actions.back")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "po-approve-confirm" } as Record<string, string>}
      onOk={() => void run((values) => onApprove((values.note ?? "").trim()), onClose).catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="approve">
        <FormAlert state={state} />
        <Space direction="vertical" style={{ width: "100%", marginBottom: 12 }}>
          <Typography.Text>
            {t("procurement.approve.summary", {
              supplier: order.supplier_name,
              total: formatMoney(order.total, order.currency, language),
            })}
          </Typography.Text>
          {level !== null ? (
            <Typography.Text type="secondary">{t("procurement.approve.level", { n: level })}</Typography.Text>
          ) : null}
          {onBehalfOf ? (
            <Alert type="info" showIcon message={t("procurement.approve.onBehalfOf", { name: onBehalfOf })} />
          ) : null}
        </Space>
        <Form.Item
          name="note"
          label={t("procurement.approve.note")}
          rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
        >
          <Input.TextArea rows={2} data-testid="po-approve-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A supplier outside Hansa confirmed by e-mail or phone: record its order number and a note. */
export function AcknowledgeModal({
  order,
  open,
  onAcknowledge,
  onClose,
}: {
  order: PurchaseOrder;
  open: boolean;
  onAcknowledge: (values: { supplier_order_number: string; note: string }) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { form, state, busy, run } = useDialogForm<{ supplier_order_number: string; note: string }>(open, {
    supplier_order_number: "",
    note: "",
  });
  return (
    <Modal
      open={open}
      title={t("procurement.acknowledge.title", { supplier: order.supplier_name })}
      okText={t("procurement.acknowledge.submit")}
      cancelText={t("actions.back")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "acknowledge-submit" } as Record<string, string>}
      onOk={() =>
        void run(
          (values) =>
            onAcknowledge({
              supplier_order_number: (values.supplier_order_number ?? "").trim(),
              note: (values.note ?? "").trim(),
            }),
          onClose,
        ).catch(() => undefined)
      }
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="acknowledge">
        <FormAlert state={state} />
        <Typography.Paragraph type="secondary">{t("procurement.acknowledge.intro")}</Typography.Paragraph>
        <Form.Item
          name="supplier_order_number"
          label={t("procurement.fields.supplierOrderNumber")}
          rules={[{ max: 60, message: t("validation.maxLength", { max: 60 }) }]}
        >
          <Input data-testid="acknowledge-so-number" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t("procurement.acknowledge.note")}
          rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
        >
          <Input.TextArea rows={2} data-testid="acknowledge-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
