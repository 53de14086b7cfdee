import {
  AccountBookOutlined,
  ApiOutlined,
  ArrowRightOutlined,
  AuditOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { Card, Col, Row, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "@/components/PageState";
import type { Me } from "@/lib/me";
import { nextStepsFor } from "./nextSteps";

const ICONS: Record<string, ReactNode> = {
  mfa: <SafetyCertificateOutlined />,
  company: <SettingOutlined />,
  invite: <TeamOutlined />,
  apiKeys: <ApiOutlined />,
  audit: <AuditOutlined />,
  language: <GlobalOutlined />,
  supplierProfile: <SolutionOutlined />,
  rfq: <FileSearchOutlined />,
  rfqInbox: <InboxOutlined />,
  finance: <AccountBookOutlined />,
};

export function NextSteps({ me }: { me: Me }) {
  const { t } = useTranslation();
  const steps = nextStepsFor(me);
  if (steps.length === 0) return <EmptyState description={t("home.noNextSteps")} />;
  return (
    <Row gutter={[16, 16]} data-testid="next-steps">
      {steps.map((step) => (
        <Col key={step.key} xs={24} sm={12} xl={8}>
          <Link to={step.to} data-testid={`next-step-${step.key}`}>
            <Card hoverable style={{ height: "100%" }}>
              <Card.Meta
                avatar={<span style={{ fontSize: 24, color: "#1677ff" }}>{ICONS[step.key]}</span>}
                title={t(`home.steps.${step.key}.title`)}
                description={
                  <>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                      {t(`home.steps.${step.key}.body`)}
                    </Typography.Paragraph>
                    <Typography.Text style={{ color: "#1677ff" }}>
                      {t(`home.steps.${step.key}.action`)} <ArrowRightOutlined />
                    </Typography.Text>
                  </>
                }
              />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
