import { Button } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState, LoadingState } from "@/components/PageState";
import { Forbidden } from "@/components/StatusPages";
import { SuspensionNotice } from "@/components/SuspensionNotice";
import { suspensionOf } from "@/lib/accountSignals";
import { can, type Permission } from "@/lib/access";
import { useMe } from "@/lib/me";

/** Renders its routes only for a signed-in member; anyone else goes to the sign-in page. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div style={{ padding: 48 }}>
        <LoadingState rows={6} />
      </div>
    );
  }
  const suspension = suspensionOf(me.error);
  if (suspension) {
    // Suspended by the operator: nothing answers here, sign-in included. (For non-payment /api/me/
    // still answers, and the workspace layout shows how to pay.)
    return (
      <div style={{ padding: 48 }}>
        <SuspensionNotice
          suspension={suspension}
          extra={
            suspension === "billing" ? (
              <Button href="/signin" type="primary">
                {t("billing.suspension.signIn")}
              </Button>
            ) : undefined
          }
        />
      </div>
    );
  }
  if (me.isError) {
    return (
      <ErrorState
        error={me.error}
        onRetry={() => void me.refetch()}
        extra={
          <Button href="/signin" type="link">
            {t("nav.signIn")}
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === "/" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children ?? <Outlet />}</>;
}

/** A 403 page instead of its routes when the member lacks `permission` (e.g. a typed-in URL). */
export function RequirePermission({ permission, children }: { permission: Permission; children?: ReactNode }) {
  const me = useMe();
  if (!can(me.data, permission)) return <Forbidden />;
  return <>{children ?? <Outlet />}</>;
}
