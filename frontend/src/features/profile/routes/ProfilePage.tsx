import { Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSignedInMe } from "@/lib/me";
import { useEmails } from "../api/emails";
import { EmailCard } from "../components/EmailCard";
import { MfaCard } from "../components/MfaCard";
import { PasswordForm } from "../components/PasswordForm";
import { ProfileForm } from "../components/ProfileForm";

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const emails = useEmails();
  // allauth lets only a verified address turn on two-factor authentication.
  const emailVerified = emails.data ? emails.data.every((address) => address.verified) : undefined;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="profile-page">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("profile.title")}
      </Typography.Title>
      <Card title={t("profile.details")}>
        <ProfileForm me={me} />
      </Card>
      <EmailCard emails={emails} />
      <Card title={t("profile.password.title")}>
        <PasswordForm />
      </Card>
      <MfaCard emailVerified={emailVerified} />
    </Space>
  );
}

export { ProfilePage as Component };
