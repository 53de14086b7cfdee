import { Form, Input, Modal } from "antd";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";

/**
 * A decision that takes a reason (reject, cancel, close, refuse a change): the reason's field errors and
 * the server's problem shown in the dialog, which stays open until the request succeeds.
 */
export function ReasonModal({
  open,
  title,
  description,
  label,
  okText,
  required = true,
  danger = false,
  testId,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  label: string;
  okText: string;
  required?: boolean;
  danger?: boolean;
  /** `<testId>-reason` on the field, `<testId>-confirm` on the button. */
  testId: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { state, report, clear } = useFormProblem(form);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
    }
  }, [open, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    setBusy(true);
    try {
      await onSubmit((values.reason ?? "").trim());
      onClose();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t("actions.back")}
      okButtonProps={{ danger, ...({ "data-testid": `${testId}-confirm` } as Record<string, string>) }}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      forceRender
    >
      <Form form={form} layout="vertical" name={`${testId}-form`}>
        <FormAlert state={state} />
        {description ? <div style={{ marginBottom: 12 }}>{description}</div> : null}
        <Form.Item
          name="reason"
          label={label}
          rules={[
            ...(required
              ? [{ required: true, whitespace: true, message: t("procurement.validation.reasonRequired") }]
              : []),
            { max: 2000, message: t("validation.maxLength", { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={3} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
