import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useRequestPasswordReset } from "../api/passwordReset";

/**
 * "Forgot your password?": asks for the address and answers the same for every address, since the API
 * does too (an address without an account gets an e-mail saying so).
 */
export function ForgotPasswordForm({ initialEmail = "", onBack }: { initialEmail?: string; onBack?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string }>();
  const request = useRequestPasswordReset();
  const { state, report, clear } = useFormProblem(form);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onFinish = async ({ email }: { email: string }) => {
    clear();
    try {
      await request.mutateAsync(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      report(error);
    }
  };

  const back = onBack ? (
    <Button type="link" block onClick={onBack} style={{ marginTop: 8 }} data-testid="forgot-back">
      {t("passwordReset.backToSignIn")}
    </Button>
  ) : null;

  if (sentTo !== null) {
    return (
      <div data-testid="forgot-sent">
        <Alert
          type="success"
          showIcon
          message={t("passwordReset.sentTitle")}
          description={t("passwordReset.sent", { email: sentTo })}
        />
        {back}
      </div>
    );
  }

  return (
    <Form
      form={form}
      name="forgot-password"
      layout="vertical"
      data-testid="forgot-form"
      requiredMark={false}
      initialValues={{ email: initialEmail }}
      onFinish={onFinish}
    >
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("passwordReset.requestTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("passwordReset.requestPrompt")}</Typography.Paragraph>
      <FormAlert state={state} />
      <Form.Item
        name="email"
        label={t("signin.fields.email")}
        rules={[
          { required: true, message: t("validation.required") },
          { type: "email", message: t("validation.email") },
        ]}
      >
        <Input data-testid="forgot-email" inputMode="email" autoComplete="email" autoFocus />
      </Form.Item>
      <Button
        data-testid="forgot-submit"
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={request.isPending}
      >
        {t("passwordReset.requestSubmit")}
      </Button>
      {back}
    </Form>
  );
}
