import { CheckCircleFilled, SafetyCertificateOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Alert, Button, Card, Form, Input, Popconfirm, QRCode, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { ErrorState, LoadingState } from "@/components/PageState";
import { problemMessage, toProblem } from "@/lib/problem";
import { authenticatorsQueryKey, useAuthenticators } from "../api/authenticators";
import { getRecoveryCodes, regenerateRecoveryCodes, type RecoveryCodes } from "../api/recoveryCodes";
import { useActivateTotp, useDeactivateTotp, useTotpSetup } from "../api/totp";
import { RecoveryCodesModal } from "./RecoveryCodesModal";
import { CANCELLED, useReauth } from "./useReauth";

/** Two-factor authentication: enrol a TOTP app (QR code), see recovery codes once, turn it off. */
export function MfaCard({ emailVerified }: { emailVerified?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const authenticators = useAuthenticators();
  const deactivate = useDeactivateTotp();
  const { run, modal } = useReauth();
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<RecoveryCodes | null>(null);
  const [busy, setBusy] = useState(false);

  const showError = (error: unknown) => {
    if (toProblem(error).code !== CANCELLED) void message.error(problemMessage(t, error));
  };

  const onActivated = async () => {
    setEnrolling(false);
    try {
      // allauth creates recovery codes with the first authenticator: show them this once.
      setCodes(await run(getRecoveryCodes));
    } catch (error) {
      showError(error);
    }
  };

  const onRegenerate = async () => {
    setBusy(true);
    try {
      setCodes(await run(regenerateRecoveryCodes));
      await queryClient.invalidateQueries({ queryKey: authenticatorsQueryKey });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const onDeactivate = async () => {
    try {
      await run(() => deactivate.mutateAsync());
      void message.success(t("profile.mfa.deactivated"));
    } catch (error) {
      showError(error);
    }
  };

  let body;
  if (authenticators.isPending) body = <LoadingState rows={2} />;
  else if (authenticators.isError)
    body = <ErrorState error={authenticators.error} onRetry={() => void authenticators.refetch()} />;
  else {
    const totp = authenticators.data.find((a) => a.type === "totp");
    const recovery = authenticators.data.find((a) => a.type === "recovery_codes");
    if (totp) {
      body = (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Space>
            <Tag data-testid="mfa-enabled" icon={<CheckCircleFilled />} color="success">
              {t("profile.mfa.enabled")}
            </Tag>
          </Space>
          {recovery ? (
            <Typography.Text data-testid="recovery-codes-count">
              {t("profile.mfa.recoveryCount", {
                unused: recovery.unused_code_count ?? 0,
                total: recovery.total_code_count ?? 0,
              })}
            </Typography.Text>
          ) : null}
          <Space wrap>
            <Button data-testid="recovery-codes-regenerate" onClick={() => void onRegenerate()} loading={busy}>
              {t("profile.mfa.regenerate")}
            </Button>
            <Popconfirm
              title={t("profile.mfa.deactivateConfirm")}
              okText={t("actions.confirm")}
              cancelText={t("actions.cancel")}
              onConfirm={() => void onDeactivate()}
            >
              <Button data-testid="mfa-deactivate" danger loading={deactivate.isPending}>
                {t("profile.mfa.deactivate")}
              </Button>
            </Popconfirm>
          </Space>
        </Space>
      );
    } else if (enrolling) {
      body = <TotpEnrolment run={run} onActivated={() => void onActivated()} onCancel={() => setEnrolling(false)} />;
    } else {
      body = (
        <Space direction="vertical">
          <Typography.Text data-testid="mfa-disabled" type="secondary">
            {t("profile.mfa.disabledHint")}
          </Typography.Text>
          {emailVerified === false ? (
            <Alert
              data-testid="mfa-needs-verified-email"
              type="info"
              showIcon
              message={t("problem.unverified_email")}
            />
          ) : null}
          <Button
            data-testid="mfa-setup"
            type="primary"
            icon={<SafetyCertificateOutlined />}
            disabled={emailVerified === false}
            onClick={() => setEnrolling(true)}
          >
            {t("profile.mfa.setup")}
          </Button>
        </Space>
      );
    }
  }

  return (
    <Card title={t("profile.mfa.title")} data-testid="mfa-card">
      {body}
      {modal}
      <RecoveryCodesModal codes={codes} onClose={() => setCodes(null)} />
    </Card>
  );
}

function TotpEnrolment({
  run,
  onActivated,
  onCancel,
}: {
  /** allauth asks for the password again before an authenticator is added: run() asks for it. */
  run: <T>(action: () => Promise<T>) => Promise<T>;
  onActivated: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const setup = useTotpSetup(true);
  const activate = useActivateTotp();
  const [form] = Form.useForm<{ code: string }>();
  const { state, report, clear } = useFormProblem(form);

  if (setup.isPending) return <LoadingState rows={3} />;
  if (setup.isError)
    return (
      <ErrorState
        error={setup.error}
        onRetry={() => void setup.refetch()}
        extra={<Button onClick={onCancel}>{t("actions.cancel")}</Button>}
      />
    );
  if (setup.data.active) return <Alert type="success" message={t("profile.mfa.enabled")} />;
  const { secret, totpUrl } = setup.data;

  const onFinish = async ({ code }: { code: string }) => {
    clear();
    try {
      const cleaned = code.replace(/\s+/g, "");
      await run(() => activate.mutateAsync({ code: cleaned }));
      onActivated();
    } catch (error) {
      if (toProblem(error).code !== CANCELLED) report(error);
    }
  };

  return (
    <div data-testid="totp-enrolment">
      <Typography.Paragraph>{t("profile.mfa.scan")}</Typography.Paragraph>
      <Space align="start" size="large" wrap>
        <QRCode data-testid="totp-qr" value={totpUrl} size={176} bordered />
        <div style={{ maxWidth: 320 }}>
          <Typography.Paragraph type="secondary">{t("profile.mfa.manualEntry")}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: secret }}>
            <Typography.Text code data-testid="totp-secret" data-totp-url={totpUrl}>
              {secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form
            form={form}
            name="totp"
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            data-testid="totp-form"
          >
            <FormAlert state={state} />
            <Form.Item
              name="code"
              label={t("profile.mfa.code")}
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <Input
                data-testid="totp-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={10}
                placeholder="123456"
              />
            </Form.Item>
            <Space>
              <Button data-testid="totp-activate" type="primary" htmlType="submit" loading={activate.isPending}>
                {t("profile.mfa.activate")}
              </Button>
              <Button onClick={onCancel}>{t("actions.cancel")}</Button>
            </Space>
          </Form>
        </div>
      </Space>
    </div>
  );
}
