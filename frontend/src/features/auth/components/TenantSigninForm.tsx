import { Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useAuthenticateMfa, useLogin } from "../api/login";

interface Credentials {
  email: string;
  password: string;
}

/** Sign-in on a company host (allauth), with the TOTP step when the account has MFA. */
export function TenantSigninForm({ initialEmail = "", onSignedIn }: { initialEmail?: string; onSignedIn: () => void }) {
  const [step, setStep] = useState<"credentials" | "mfa">("credentials");
  return step === "credentials" ? (
    <CredentialsStep
      initialEmail={initialEmail}
      onDone={(outcome) => (outcome === "mfa_required" ? setStep("mfa") : onSignedIn())}
    />
  ) : (
    <MfaStep onDone={onSignedIn} onBack={() => setStep("credentials")} />
  );
}

function CredentialsStep({
  initialEmail,
  onDone,
}: {
  initialEmail: string;
  onDone: (outcome: "signed_in" | "mfa_required") => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Credentials>();
  const login = useLogin();
  const { state, report, clear } = useFormProblem(form);

  const onFinish = async (values: Credentials) => {
    clear();
    try {
      onDone(await login.mutateAsync({ email: values.email.trim(), password: values.password }));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<Credentials>
      form={form}
      name="login"
      layout="vertical"
      data-testid="signin-form"
      requiredMark={false}
      initialValues={{ email: initialEmail }}
      onFinish={onFinish}
    >
      <FormAlert state={state} />
      <Form.Item
        name="email"
        label={t("signin.fields.email")}
        rules={[
          { required: true, message: t("validation.required") },
          { type: "email", message: t("validation.email") },
        ]}
      >
        <Input data-testid="signin-email" inputMode="email" autoComplete="username" autoFocus={!initialEmail} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("signin.fields.password")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Input.Password
          data-testid="signin-password"
          autoComplete="current-password"
          autoFocus={Boolean(initialEmail)}
        />
      </Form.Item>
      <Button data-testid="signin-submit" type="primary" htmlType="submit" block size="large" loading={login.isPending}>
        {t("signin.submit")}
      </Button>
    </Form>
  );
}

function MfaStep({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const authenticate = useAuthenticateMfa();
  const { state, report, clear } = useFormProblem(form);

  const onFinish = async ({ code }: { code: string }) => {
    clear();
    try {
      await authenticate.mutateAsync({ code: code.replace(/\s+/g, "") });
      onDone();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form form={form} name="mfa" layout="vertical" data-testid="mfa-form" requiredMark={false} onFinish={onFinish}>
      <Typography.Paragraph>{t("signin.mfa.prompt")}</Typography.Paragraph>
      <FormAlert state={state} />
      <Form.Item
        name="code"
        label={t("signin.mfa.code")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Input
          data-testid="mfa-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          maxLength={32}
          placeholder="123456"
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t("signin.mfa.recoveryHint")}</Typography.Paragraph>
      <Button
        data-testid="mfa-submit"
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={authenticate.isPending}
      >
        {t("signin.mfa.submit")}
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
        {t("actions.back")}
      </Button>
    </Form>
  );
}
