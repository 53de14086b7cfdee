import { Button, Form, Input, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { LoadingState } from "@/components/PageState";
import { PASSWORD_MIN_LENGTH } from "@/lib/forms";
import { toProblem } from "@/lib/problem";
import { usePasswordResetKey, useResetPassword } from "../api/passwordReset";

interface Values {
  password: string;
  confirm: string;
}

/** Choosing a new password with the key of a reset link; the key is checked before the form shows. */
export function ResetPasswordForm({ resetKey }: { resetKey: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const keyCheck = usePasswordResetKey(resetKey);
  const reset = useResetPassword();
  const { state, report, clear } = useFormProblem(form);

  const signIn = (
    <Link to="/signin">
      <Button type="primary" data-testid="reset-signin">
        {t("nav.signIn")}
      </Button>
    </Link>
  );
  const askAgain = (
    <Link to="/account/password/reset">
      <Button data-testid="reset-ask-again">{t("passwordReset.askAgain")}</Button>
    </Link>
  );

  if (reset.isSuccess) {
    return (
      <div data-testid="reset-done">
        <Result
          status="success"
          title={t("passwordReset.doneTitle")}
          subTitle={t("passwordReset.done")}
          extra={signIn}
        />
      </div>
    );
  }
  if (keyCheck.isPending) return <LoadingState rows={3} />;
  if (keyCheck.isError) {
    const problem = toProblem(keyCheck.error);
    return (
      <div data-testid="reset-invalid" data-problem-code={problem.code}>
        <Result
          status="warning"
          title={t("passwordReset.invalidTitle")}
          subTitle={t("passwordReset.invalid")}
          extra={[askAgain, signIn]}
        />
      </div>
    );
  }

  const onFinish = async (values: Values) => {
    clear();
    try {
      await reset.mutateAsync({ key: resetKey, password: values.password });
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="reset-password"
      layout="vertical"
      data-testid="reset-form"
      requiredMark={false}
      onFinish={onFinish}
    >
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t("passwordReset.resetTitle")}
      </Typography.Title>
      <Typography.Paragraph data-testid="reset-account">
        {t("passwordReset.resetPrompt", { email: keyCheck.data.email })}
      </Typography.Paragraph>
      <FormAlert state={state} />
      <Form.Item
        name="password"
        label={t("passwordReset.newPassword")}
        rules={[
          { required: true, message: t("validation.required") },
          { min: PASSWORD_MIN_LENGTH, message: t("validation.passwordMin", { min: PASSWORD_MIN_LENGTH }) },
        ]}
      >
        <Input.Password data-testid="reset-password" autoComplete="new-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("passwordReset.confirmPassword")}
        dependencies={["password"]}
        rules={[
          { required: true, message: t("validation.required") },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue("password")
                ? Promise.resolve()
                : Promise.reject(new Error(t("validation.passwordMismatch"))),
          }),
        ]}
      >
        <Input.Password data-testid="reset-password-confirm" autoComplete="new-password" />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t("passwordReset.sessionsEnd")}</Typography.Paragraph>
      <Button data-testid="reset-submit" type="primary" htmlType="submit" block size="large" loading={reset.isPending}>
        {t("passwordReset.resetSubmit")}
      </Button>
    </Form>
  );
}
