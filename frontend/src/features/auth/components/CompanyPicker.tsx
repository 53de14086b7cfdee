import { RightOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState } from "@/components/PageState";
import type { SigninCompany } from "../api/signin";

export function CompanyPicker({
  companies,
  onPick,
  onBack,
}: {
  companies: SigninCompany[];
  onPick: (company: SigninCompany) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const back = (
    <Button data-testid="signin-back" onClick={onBack}>
      {t("actions.back")}
    </Button>
  );
  if (companies.length === 0) {
    return (
      <div data-testid="no-companies">
        <EmptyState description={t("signin.noCompanies")} action={back} />
      </div>
    );
  }
  return (
    <div data-testid="company-picker">
      <Typography.Paragraph>{t("signin.pickCompany")}</Typography.Paragraph>
      <List
        bordered
        dataSource={companies}
        renderItem={(company) => (
          <List.Item
            data-testid={`company-choice-${company.slug}`}
            style={{ cursor: "pointer" }}
            onClick={() => onPick(company)}
            actions={[<RightOutlined key="go" />]}
          >
            <List.Item.Meta
              title={company.name}
              description={
                <>
                  <Typography.Text type="secondary">{company.slug}</Typography.Text>
                  {company.mfa_required ? (
                    <Tag icon={<SafetyCertificateOutlined />} color="blue" style={{ marginInlineStart: 8 }}>
                      {t("signin.mfaRequired")}
                    </Tag>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      <div style={{ marginTop: 16 }}>{back}</div>
    </div>
  );
}
