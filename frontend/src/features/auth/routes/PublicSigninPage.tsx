import { Button, Card, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ForgotPasswordForm } from "../components/ForgotPasswordForm";
import { PublicSigninForm } from "../components/PublicSigninForm";

export function PublicSigninPage() {
  const { t } = useTranslation();
  const [forgot, setForgot] = useState(false);
  if (forgot) {
    return (
      <div style={{ maxWidth: 440, margin: "48px auto", padding: "0 16px" }}>
        <Card>
          <ForgotPasswordForm onBack={() => setForgot(false)} />
        </Card>
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 440, margin: "48px auto", padding: "0 16px" }}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("signin.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("signin.publicSubtitle")}</Typography.Paragraph>
        <PublicSigninForm />
        <Button type="link" block data-testid="signin-forgot" onClick={() => setForgot(true)} style={{ marginTop: 8 }}>
          {t("passwordReset.forgot")}
        </Button>
        <Typography.Paragraph style={{ textAlign: "center", marginTop: 8, marginBottom: 0 }}>
          {t("signin.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

export { PublicSigninPage as Component };
