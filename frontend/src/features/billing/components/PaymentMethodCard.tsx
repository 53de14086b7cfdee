import { App, Button, Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { problemMessage } from "@/lib/problem";
import type { BillingOverview } from "../api/overview";
import { usePortal } from "../api/portal";

/** Bank-transfer details (offline gateway), or the Stripe Customer Portal. */
export function PaymentMethodCard({
  overview,
}: {
  overview: Pick<BillingOverview, "gateway" | "payment_instructions">;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const portal = usePortal();
  return (
    <Card title={t("billing.payment.title")} data-testid="billing-payment">
      {overview.gateway === "stripe" ? (
        <>
          <Typography.Paragraph>{t("billing.payment.stripe")}</Typography.Paragraph>
          <Button
            type="primary"
            data-testid="billing-portal"
            loading={portal.isPending}
            onClick={() =>
              portal.mutate(undefined, { onError: (error) => void message.error(problemMessage(t, error)) })
            }
          >
            {t("billing.payment.manage")}
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph>{t("billing.payment.bankTransfer")}</Typography.Paragraph>
          <Typography.Paragraph copyable strong data-testid="billing-bank-details">
            {overview.payment_instructions}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t("billing.payment.reference")}</Typography.Text>
        </>
      )}
    </Card>
  );
}
