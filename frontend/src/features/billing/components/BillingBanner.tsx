import { Alert, App, Button } from "antd";
import { useEffect, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { can } from "@/lib/access";
import { onBillingProblem } from "@/lib/accountSignals";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { Me } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import { useBillingOverview } from "../api/overview";

/**
 * The workspace's billing banner: past due (a warning with the day writes stop) and read-only (an
 * error). Also answers a refused write (402 subscription_read_only, quota_exceeded) from anywhere in
 * the workspace with a notice that links to the billing page.
 */
export function BillingBanner({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { notification } = App.useApp();
  const manager = can(me, "billing.manage");
  const lock = me.company?.billing_lock ?? "";
  const overview = useBillingOverview({ enabled: manager });
  const navigate = useNavigate();

  useEffect(
    () =>
      onBillingProblem((problem) => {
        const key = `billing-${problem.code}`;
        // The notice renders outside the router (Ant Design's holder): navigate through the hook.
        const open = (event: MouseEvent) => {
          event.preventDefault();
          notification.destroy(key);
          void navigate("/billing");
        };
        notification.warning({
          key,
          message: t(problem.code === "quota_exceeded" ? "billing.banner.quota" : "billing.banner.readOnlyTitle"),
          description: (
            <span data-testid="billing-notice">
              {problemMessage(t, problem)}{" "}
              {manager ? (
                <a href="/billing" onClick={open}>
                  {t("billing.banner.open")}
                </a>
              ) : null}
            </span>
          ),
        });
      }),
    [notification, t, manager, navigate],
  );

  const action = manager ? (
    <Link to="/billing" data-testid="billing-banner-link">
      <Button size="small">{t("billing.banner.open")}</Button>
    </Link>
  ) : undefined;
  const data = overview.data;
  const suspendOn = data?.suspend_on
    ? ` ${t("billing.banner.suspendOn", { date: formatDate(data.suspend_on, language) })}`
    : "";

  if (lock === "read_only" || data?.lock === "read_only") {
    return (
      <Alert
        banner
        type="error"
        data-testid="billing-banner"
        data-level="read_only"
        message={(manager ? t("billing.banner.readOnly") : t("billing.banner.readOnlyMember")) + suspendOn}
        action={action}
      />
    );
  }
  if (data?.status === "past_due") {
    return (
      <Alert
        banner
        type="warning"
        data-testid="billing-banner"
        data-level="past_due"
        message={
          data.read_only_on
            ? t("billing.banner.pastDue", { date: formatDate(data.read_only_on, language) })
            : t("billing.banner.pastDueNoDate")
        }
        action={action}
      />
    );
  }
  return null;
}
