import { ApartmentOutlined, ShopOutlined, SwapOutlined } from "@ant-design/icons";
import { Button, Card, Col, Row, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

const PILLARS: { key: "workspace" | "marketplace" | "trading"; icon: ReactNode }[] = [
  { key: "workspace", icon: <ApartmentOutlined /> },
  { key: "marketplace", icon: <ShopOutlined /> },
  { key: "trading", icon: <SwapOutlined /> },
];

export function LandingPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="landing-page">
      <section
        style={{
          padding: "72px 24px 56px",
          textAlign: "center",
          background: "linear-gradient(180deg,#e6f4ff 0%,#f5f7fa 100%)",
        }}
      >
        <Typography.Title data-testid="landing-title" style={{ fontSize: 40, marginBottom: 16 }}>
          {t("landing.title")}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 18, maxWidth: 720, margin: "0 auto 32px" }} type="secondary">
          {t("landing.subtitle")}
        </Typography.Paragraph>
        <Space size="middle" wrap style={{ justifyContent: "center" }}>
          <Link to="/signup">
            <Button type="primary" size="large" data-testid="landing-signup">
              {t("landing.ctaSignup")}
            </Button>
          </Link>
          <Link to="/signin">
            <Button size="large" data-testid="landing-signin">
              {t("landing.ctaSignin")}
            </Button>
          </Link>
        </Space>
      </section>
      <section style={{ maxWidth: 1100, margin: "0 auto", padding: "24px 24px 64px" }}>
        <Row gutter={[24, 24]}>
          {PILLARS.map((pillar) => (
            <Col key={pillar.key} xs={24} md={8}>
              <Card style={{ height: "100%" }} data-testid={`landing-pillar-${pillar.key}`}>
                <div style={{ fontSize: 32, color: "#1677ff", marginBottom: 12 }}>{pillar.icon}</div>
                <Typography.Title level={4}>{t(`landing.pillars.${pillar.key}.title`)}</Typography.Title>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t(`landing.pillars.${pillar.key}.body`)}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
        <Card style={{ marginTop: 24 }}>
          <Typography.Title level={4}>{t("landing.howTitle")}</Typography.Title>
          <ol style={{ paddingInlineStart: 20, marginBottom: 0 }}>
            <li>{t("landing.how.signup")}</li>
            <li>{t("landing.how.invite")}</li>
            <li>{t("landing.how.trade")}</li>
          </ol>
        </Card>
      </section>
    </div>
  );
}

export { LandingPage as Component };
