import { EyeOutlined } from "@ant-design/icons";
import { Button, Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryView } from "@/components/PageState";
import { VerifiedBadge } from "@/components/SupplierBadges";
import { useAccess } from "@/lib/access";
import { useSupplierProfile } from "../api/supplierProfile";
import { CertificationsCard } from "../components/CertificationsCard";
import { SupplierProfileForm } from "../components/SupplierProfileForm";

export function SupplierProfilePage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const profile = useSupplierProfile();
  const canEdit = can("catalog.manage");
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="supplier-profile-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("supplierProfile.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("supplierProfile.intro")}</Typography.Text>
      </div>
      <QueryView query={profile} loadingRows={10}>
        {(data) => (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Card
              title={
                <Space>
                  {t("supplierProfile.card")}
                  {data ? <VerifiedBadge verified={data.verified} /> : null}
                </Space>
              }
              extra={
                data ? (
                  <Link to={`/marketplace/suppliers/${data.id}`} data-testid="supplier-profile-preview">
                    <Button icon={<EyeOutlined />}>{t("supplierProfile.viewPublic")}</Button>
                  </Link>
                ) : null
              }
            >
              <SupplierProfileForm profile={data} canEdit={canEdit} key={data?.updated_at ?? "new"} />
            </Card>
            {data ? (
              <CertificationsCard canEdit={canEdit} />
            ) : (
              <Typography.Text type="secondary">{t("supplierProfile.certificationsAfterProfile")}</Typography.Text>
            )}
          </Space>
        )}
      </QueryView>
    </Space>
  );
}

export { SupplierProfilePage as Component };
