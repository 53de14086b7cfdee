import { Col, Row, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { useBillingOverview } from "../api/overview";
import { CurrentPlanCard } from "../components/CurrentPlanCard";
import { InvoicesCard } from "../components/InvoicesCard";
import { PaymentMethodCard } from "../components/PaymentMethodCard";
import { PlanComparison } from "../components/PlanComparison";
import { SubscriptionHistory } from "../components/SubscriptionHistory";
import { UsageMeters } from "../components/UsageMeters";

/** The company's billing page (owner and finance: billing.manage). */
export function BillingPage() {
  const { t } = useTranslation();
  const overview = useBillingOverview();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="billing-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("billing.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("billing.subtitle")}</Typography.Text>
      </div>
      <QueryView query={overview} loadingRows={8}>
        {(data) => (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Row gutter={[24, 24]}>
              <Col xs={24} xl={16}>
                <CurrentPlanCard overview={data} />
              </Col>
              <Col xs={24} xl={8}>
                <PaymentMethodCard overview={data} />
              </Col>
            </Row>
            <UsageMeters />
            <PlanComparison overview={data} />
            <InvoicesCard />
            <SubscriptionHistory />
          </Space>
        )}
      </QueryView>
    </Space>
  );
}

export { BillingPage as Component };
