import { App, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useChangePassword } from "../api/password";
import { PASSWORD_MIN_LENGTH } from "@/lib/forms";

interface Values {
  current_password: string;
  new_password: string;
  confirm_password: string;
}

export function PasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { state, report, clear } = useFormProblem(form);

  const onFinish = async (values: Values) => {
    clear();
    try {
      await change.mutateAsync({ current_password: values.current_password, new_password: values.new_password });
      form.resetFields();
      void message.success(t("profile.password.changed"));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="password"
      layout="vertical"
      data-testid="password-form"
      requiredMark={false}
      onFinish={onFinish}
      style={{ maxWidth: 480 }}
    >
      <FormAlert state={state} />
      <Form.Item
        name="current_password"
        label={t("profile.password.current")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Input.Password data-testid="password-current" autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t("profile.password.new")}
        rules={[
          { required: true, message: t("validation.required") },
          { min: PASSWORD_MIN_LENGTH, message: t("validation.passwordMin", { min: PASSWORD_MIN_LENGTH }) },
        ]}
      >
        <Input.Password data-testid="password-new" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm_password"
        label={t("profile.password.confirm")}
        dependencies={["new_password"]}
        rules={[
          { required: true, message: t("validation.required") },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue("new_password")) throw new Error(t("validation.passwordMismatch"));
            },
          }),
        ]}
      >
        <Input.Password data-testid="password-confirm" autoComplete="new-password" />
      </Form.Item>
      <Button data-testid="password-submit" type="primary" htmlType="submit" loading={change.isPending}>
        {t("profile.password.submit")}
      </Button>
    </Form>
  );
}
