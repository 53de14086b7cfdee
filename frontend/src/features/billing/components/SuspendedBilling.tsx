import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { useBillingOverview } from "../api/overview";
import { InvoicesCard } from "./InvoicesCard";
import { PaymentMethodCard } from "./PaymentMethodCard";

/** How to pay, for a workspace suspended for non-payment: the open invoices and the bank details. */
export function SuspendedBilling({ manager }: { manager: boolean }) {
  const { t } = useTranslation();
  const overview = useBillingOverview({ enabled: manager });
  if (!manager) return <Typography.Paragraph>{t("billing.suspension.billingMember")}</Typography.Paragraph>;
  return (
    <QueryView query={overview}>
      {(data) => (
        <Space direction="vertical" size="middle" style={{ width: "100%", textAlign: "start" }}>
          <PaymentMethodCard overview={data} />
          <InvoicesCard status="open" title={t("billing.suspension.openInvoices")} />
        </Space>
      )}
    </QueryView>
  );
}
