import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SignupForm } from "../components/SignupForm";

export function SignupPage() {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 560, margin: "32px auto", padding: "0 16px" }}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("signup.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("signup.subtitle")}</Typography.Paragraph>
        <SignupForm />
        <Typography.Paragraph style={{ textAlign: "center", marginBottom: 0 }}>
          {t("signup.haveAccount")} <Link to="/signin">{t("nav.signIn")}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

export { SignupPage as Component };
