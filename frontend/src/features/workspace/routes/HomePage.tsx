import { Card, Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { roleLabel } from "@/lib/access";
import { countryName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { NextSteps } from "../components/NextSteps";

export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useSignedInMe();
  const language = currentLanguage(i18n);
  const company = me.company;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="home-page">
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="home-company-name">
          {company?.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t("home.welcome", { name: me.user.full_name || me.user.email })}
        </Typography.Text>
      </div>
      <Card title={t("home.yourAccess")}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("home.roles")}>
            <span data-testid="home-roles">
              {me.roles.length > 0 ? (
                me.roles.map((role) => (
                  <Tag key={role} color="blue" data-testid={`role-${role}`}>
                    {roleLabel(t, role)}
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">{t("home.noRoles")}</Typography.Text>
              )}
            </span>
          </Descriptions.Item>
          {company ? (
            <>
              <Descriptions.Item label={t("company.fields.slug")}>{company.slug}</Descriptions.Item>
              <Descriptions.Item label={t("company.fields.country")}>
                {countryName(company.country, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("company.fields.currency")}>{company.currency}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      <div>
        <Typography.Title level={4}>{t("home.nextSteps")}</Typography.Title>
        <NextSteps me={me} />
      </div>
    </Space>
  );
}

export { HomePage as Component };
