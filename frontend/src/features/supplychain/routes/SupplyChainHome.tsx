import { Card, Col, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useOutletContext } from "react-router";
import type { SupplyChainOutletContext } from "../sections";

/** `/supply-chain`: one card per section the member may open, saying what it is for. */
export function Component() {
  const { t } = useTranslation();
  const { sections } = useOutletContext<SupplyChainOutletContext>();
  return (
    <div data-testid="supplychain-home">
      <Typography.Title level={3}>{t("supplyChain.home.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("supplyChain.home.intro")}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {sections.map((section) => (
          <Col key={section.key} xs={24} md={12} xl={8}>
            <Link to={`/supply-chain/${section.path}`} data-testid={`supplychain-card-${section.key}`}>
              <Card hoverable title={t(section.labelKey)}>
                {section.descriptionKey ? t(section.descriptionKey) : null}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
