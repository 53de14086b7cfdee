import { Alert, Form, Input, Modal, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";

export interface ReasonDialogProps<Extra extends object> {
  open: boolean;
  title: ReactNode;
  /** What the action does, shown above the fields. */
  description?: ReactNode;
  /** Fields of the action besides the reason (plan, days...). */
  children?: ReactNode;
  initialValues?: Partial<Extra>;
  confirmLabel: ReactNode;
  danger?: boolean;
  pending: boolean;
  testId: string;
  onSubmit: (values: Extra & { reason: string }) => Promise<unknown>;
  onClose: () => void;
}

/**
 * The dialog of every operator action: its own fields plus a required reason, which the server keeps
 * in the platform audit log. Server errors land on their fields, or above the form.
 */
export function ReasonDialog<Extra extends object>({
  open,
  title,
  description,
  children,
  initialValues,
  confirmLabel,
  danger,
  pending,
  testId,
  onSubmit,
  onClose,
}: ReasonDialogProps<Extra>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Extra & { reason: string }>();
  const { state, report, clear } = useFormProblem(form);

  const submit = async () => {
    clear();
    let values: Extra & { reason: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await onSubmit({ ...values, reason: values.reason.trim() });
      form.resetFields();
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
      okText={confirmLabel}
      cancelText={t("actions.cancel")}
      okButtonProps={{ danger, loading: pending, "data-testid": `${testId}-confirm` } as never}
    >
      <div data-testid={testId}>
        {description ? (
          <Alert type={danger ? "warning" : "info"} showIcon message={description} style={{ marginBottom: 16 }} />
        ) : null}
        <FormAlert state={state} />
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues as never}
          preserve={false}
        >
          {children}
          <Form.Item
            name="reason"
            label={t("console.reason.label")}
            rules={[
              { required: true, whitespace: true, message: t("console.reason.required") },
              { max: 1000, message: t("console.reason.tooLong") },
            ]}
          >
            <Input.TextArea data-testid={`${testId}-reason`} rows={3} placeholder={t("console.reason.placeholder")} />
          </Form.Item>
          <Typography.Text type="secondary">{t("console.reason.audited")}</Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}
