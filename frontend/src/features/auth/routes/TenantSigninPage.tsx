import { Alert, Button, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { AuthShell } from "@/components/AuthShell";
import { LoadingState } from "@/components/PageState";
import { SuspensionNotice } from "@/components/SuspensionNotice";
import { suspensionOf, useSuspension } from "@/lib/accountSignals";
import { detectHost, publicOrigin } from "@/lib/host";
import { useMe } from "@/lib/me";
import { safeNextPath } from "@/lib/redirect";
import { ForgotPasswordForm } from "../components/ForgotPasswordForm";
import { TenantSigninForm } from "../components/TenantSigninForm";

export function TenantSigninPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const me = useMe();
  const host = detectHost();
  const signedIn = Boolean(me.data);
  const [forgot, setForgot] = useState(false);
  // The operator's suspension closes sign-in too (403 company_suspended): say why instead of a form.
  const seen = useSuspension();
  const suspension = suspensionOf(me.error) ?? (seen === "operator" ? seen : null);

  useEffect(() => {
    if (signedIn) void navigate(next, { replace: true });
  }, [signedIn, navigate, next]);

  return (
    <AuthShell testId="signin-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t("signin.title")}
      </Typography.Title>
      {host.kind === "tenant" ? (
        <Typography.Paragraph type="secondary" data-testid="signin-workspace">
          {t("signin.workspaceSubtitle", { slug: host.slug })}
        </Typography.Paragraph>
      ) : null}
      {params.get("joined") ? (
        <Alert
          data-testid="signin-joined"
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t("invitation.joinedSignIn")}
        />
      ) : null}
      {suspension ? (
        <SuspensionNotice suspension={suspension} />
      ) : me.isPending ? (
        <LoadingState rows={3} />
      ) : forgot ? (
        <ForgotPasswordForm initialEmail={params.get("email") ?? ""} onBack={() => setForgot(false)} />
      ) : (
        <>
          <TenantSigninForm
            initialEmail={params.get("email") ?? ""}
            onSignedIn={() => void navigate(next, { replace: true })}
          />
          <Button
            type="link"
            block
            data-testid="signin-forgot"
            onClick={() => setForgot(true)}
            style={{ marginTop: 8 }}
          >
            {t("passwordReset.forgot")}
          </Button>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ textAlign: "center", marginTop: 16, marginBottom: 0 }}>
        <a href={`${publicOrigin()}/signin`}>{t("signin.otherCompany")}</a>
      </Typography.Paragraph>
    </AuthShell>
  );
}

export { TenantSigninPage as Component };
