import { Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { useCompany } from "../api/company";
import { CloseCompany, CompanyExports } from "../components/CompanyData";
import { CompanyForm } from "../components/CompanyForm";

export function CompanySettingsPage() {
  const { t } = useTranslation();
  const company = useCompany();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="company-settings-page">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("company.title")}
      </Typography.Title>
      <Card>
        <QueryView query={company}>{(data) => <CompanyForm key={data.id} company={data} />}</QueryView>
      </Card>
      <CompanyExports />
      <QueryView query={company}>{(data) => <CloseCompany slug={data.slug} />}</QueryView>
    </Space>
  );
}

export { CompanySettingsPage as Component };
