import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { ErrorState, LoadingState } from "@/components/PageState";
import { useMe } from "@/lib/me";
import { useConsoleSignOut } from "../api/signOut";

/**
 * The console's gate: signed-in platform operators with an authenticator (MFA) only. Anyone else
 * signed in gets a refusal page that says why; nobody signed in goes to the operator sign-in page.
 * The server refuses every console call to anyone else anyway (401/403): this only decides what to show.
 */
export function RequireOperator({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const signOut = useConsoleSignOut();

  if (me.isPending) {
    return (
      <div style={{ padding: 48 }}>
        <LoadingState rows={6} />
      </div>
    );
  }
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/console/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  const refusal = !me.data.user.is_operator ? "notOperator" : !me.data.user.has_mfa ? "noMfa" : null;
  if (refusal) {
    return (
      <div data-testid="console-refused" data-reason={refusal} style={{ padding: 48 }}>
        <Result
          status="403"
          title={t(`console.refused.${refusal}.title`)}
          subTitle={t(`console.refused.${refusal}.detail`, { email: me.data.user.email })}
          extra={[
            <Button key="home" href="/">
              {t("actions.backHome")}
            </Button>,
            <Button
              key="signout"
              type="primary"
              data-testid="console-refused-signout"
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {t("console.refused.signInAsOperator")}
            </Button>,
          ]}
        />
      </div>
    );
  }
  return <>{children}</>;
}
