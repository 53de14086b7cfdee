import { Form, Input, InputNumber, Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";

/**
 * A dialog with one text field (a reason to reject, a note to approve) that runs `onSubmit` with it;
 * server errors stay in the dialog.
 */
export function TextModal({
  open,
  title,
  label,
  required,
  requiredMessage,
  okText,
  danger = false,
  submitting,
  testId,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  required: boolean;
  requiredMessage?: string;
  okText: string;
  danger?: boolean;
  submitting: boolean;
  testId: string;
  onSubmit: (text: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const { state, report, clear } = useFormProblem(form);
  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
    }
  }, [open, form, clear]);
  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await onSubmit((values.text ?? "").trim());
      onClose();
    } catch (error) {
      report(error);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t("actions.back")}
      okButtonProps={{ danger, ...({ "data-testid": `${testId}-submit` } as Record<string, string>) }}
      confirmLoading={submitting}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name={testId}>
        <FormAlert state={state} />
        <Form.Item
          name="text"
          label={label}
          rules={[
            ...(required ? [{ required: true, whitespace: true, message: requiredMessage }] : []),
            { max: 2000, message: t("validation.maxLength", { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={3} data-testid={`${testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface NoteValues {
  net_amount: string;
  tax_rate: string | null;
  reason: string;
}

/** A credit or debit note by a net amount (at a VAT rate), with its reason. */
export function CreditModal({
  open,
  title,
  defaultTaxRate,
  submitting,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  defaultTaxRate: string | undefined;
  submitting: boolean;
  onSubmit: (values: NoteValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ net_amount: number; tax_rate: number | null; reason: string }>();
  const { state, report, clear } = useFormProblem(form);
  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
      form.setFieldsValue({ tax_rate: defaultTaxRate === undefined ? null : Number(defaultTaxRate) });
    }
  }, [open, form, clear, defaultTaxRate]);
  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await onSubmit({
        net_amount: values.net_amount.toFixed(2),
        tax_rate: values.tax_rate === null || values.tax_rate === undefined ? null : String(values.tax_rate),
        reason: values.reason.trim(),
      });
      onClose();
    } catch (error) {
      report(error);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={t("finance.invoices.credit.submit")}
      cancelText={t("actions.back")}
      okButtonProps={{ ...({ "data-testid": "invoice-note-submit" } as Record<string, string>) }}
      confirmLoading={submitting}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="invoice-note">
        <FormAlert state={state} />
        <Form.Item
          name="net_amount"
          label={t("finance.invoices.credit.netAmount")}
          rules={[{ required: true, message: t("finance.invoices.credit.amountRequired") }]}
        >
          <InputNumber min={0.01} precision={2} style={{ width: "100%" }} data-testid="invoice-note-amount" />
        </Form.Item>
        <Form.Item name="tax_rate" label={t("finance.invoices.credit.taxRate")}>
          <InputNumber min={0} max={100} precision={3} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("finance.invoices.credit.reason")}
          rules={[{ required: true, whitespace: true, message: t("finance.invoices.credit.reasonRequired") }]}
        >
          <Input.TextArea rows={2} data-testid="invoice-note-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
