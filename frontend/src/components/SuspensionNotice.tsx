import { StopOutlined } from "@ant-design/icons";
import { Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Suspension } from "@/lib/accountSignals";

/**
 * Why a company's workspace is suspended: by the platform operator (contact support) or for
 * non-payment (pay the open invoices; `children` shows how). Shown instead of the workspace and on
 * the sign-in page.
 */
export function SuspensionNotice({
  suspension,
  extra,
  children,
}: {
  suspension: Suspension;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="suspension-page" data-suspension={suspension} style={{ maxWidth: 960, margin: "0 auto" }}>
      <Result
        status="warning"
        icon={<StopOutlined style={{ color: "#ff4d4f" }} />}
        title={t("billing.suspension.title")}
        subTitle={<span data-testid="suspension-reason">{t(`billing.suspension.${suspension}`)}</span>}
        extra={extra}
      >
        {children}
      </Result>
    </div>
  );
}
