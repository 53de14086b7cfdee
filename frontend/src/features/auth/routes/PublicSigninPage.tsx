import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PublicSigninForm } from "../components/PublicSigninForm";

export function PublicSigninPage() {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 440, margin: "48px auto", padding: "0 16px" }}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("signin.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("signin.publicSubtitle")}</Typography.Paragraph>
        <PublicSigninForm />
        <Typography.Paragraph style={{ textAlign: "center", marginTop: 16, marginBottom: 0 }}>
          {t("signin.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

export { PublicSigninPage as Component };
