/**
 * `/console/signin`: operators sign in on the public host with their password and then their
 * authenticator code (allauth's login and MFA steps, the same form as a company host's). The console
 * itself decides who may stay (see features/console RequireOperator).
 */
import { Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { AuthShell } from "@/components/AuthShell";
import { LoadingState } from "@/components/PageState";
import { TenantSigninForm } from "@/features/auth/components/TenantSigninForm";
import { useMe } from "@/lib/me";
import { safeNextPath } from "@/lib/redirect";

export function ConsoleSigninPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const wanted = safeNextPath(params.get("next"), "/console");
  const next = wanted.startsWith("/console") ? wanted : "/console";
  const me = useMe();
  const signedIn = Boolean(me.data);

  useEffect(() => {
    if (signedIn) void navigate(next, { replace: true });
  }, [signedIn, navigate, next]);

  return (
    <AuthShell testId="console-signin-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t("console.signin.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("console.signin.subtitle")}</Typography.Paragraph>
      {me.isPending ? (
        <LoadingState rows={3} />
      ) : (
        <TenantSigninForm onSignedIn={() => void navigate(next, { replace: true })} />
      )}
    </AuthShell>
  );
}

export { ConsoleSigninPage as Component };
