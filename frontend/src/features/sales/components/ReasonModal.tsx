import { Form, Input, Modal } from "antd";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";

/**
 * Asks for the reason of a refusal (reject an order, cancel it, reject a change) and runs `onSubmit`
 * with it; the other side is told the reason. Server errors stay in the dialog.
 */
export function ReasonModal({
  open,
  title,
  intro,
  label,
  okText,
  danger = true,
  submitting,
  testId,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  intro?: ReactNode;
  label: string;
  okText: string;
  danger?: boolean;
  submitting: boolean;
  /** Prefix of the test ids: `<testId>-reason`, `<testId>-submit`. */
  testId: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
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
      await onSubmit(values.reason.trim());
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
        {intro ? <div style={{ marginBottom: 12 }}>{intro}</div> : null}
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t("sales.reasonRequired") },
            { max: 2000, message: t("validation.maxLength", { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={3} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
