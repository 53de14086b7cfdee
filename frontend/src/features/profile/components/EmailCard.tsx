import { CheckCircleFilled, ExclamationCircleFilled, MailOutlined } from "@ant-design/icons";
import type { UseQueryResult } from "@tanstack/react-query";
import { App, Button, Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState, LoadingState } from "@/components/PageState";
import { problemMessage } from "@/lib/problem";
import { useSendVerification, type EmailAddress } from "../api/emails";

/** The sign-in address and whether it is verified (two-factor authentication needs it verified). */
export function EmailCard({ emails }: { emails: UseQueryResult<EmailAddress[]> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const send = useSendVerification();

  const onSend = async (address: EmailAddress) => {
    try {
      const sent = await send.mutateAsync(address.email);
      if (sent) void message.success(t("profile.email.sent", { email: address.email }));
      else void message.info(t("profile.email.sentRecently"));
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  let body;
  if (emails.isPending) body = <LoadingState rows={1} />;
  else if (emails.isError) body = <ErrorState error={emails.error} onRetry={() => void emails.refetch()} />;
  else {
    body = (
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {emails.data.map((address) => (
          <Space key={address.email} wrap>
            <Typography.Text strong>{address.email}</Typography.Text>
            {address.verified ? (
              <Tag data-testid="email-verified" icon={<CheckCircleFilled />} color="success">
                {t("profile.email.verified")}
              </Tag>
            ) : (
              <>
                <Tag data-testid="email-unverified" icon={<ExclamationCircleFilled />} color="warning">
                  {t("profile.email.unverified")}
                </Tag>
                <Button
                  data-testid="email-verify-send"
                  size="small"
                  icon={<MailOutlined />}
                  loading={send.isPending}
                  onClick={() => void onSend(address)}
                >
                  {t("profile.email.send")}
                </Button>
              </>
            )}
          </Space>
        ))}
        {emails.data.some((a) => !a.verified) ? (
          <Typography.Text type="secondary">{t("profile.email.why")}</Typography.Text>
        ) : null}
      </Space>
    );
  }

  return (
    <Card title={t("profile.email.title")} data-testid="email-card">
      {body}
    </Card>
  );
}
