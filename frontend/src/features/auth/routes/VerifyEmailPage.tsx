import { Button, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { AuthShell } from "@/components/AuthShell";
import { LoadingState } from "@/components/PageState";
import { problemMessage, toProblem } from "@/lib/problem";
import { useVerification, useVerifyEmail } from "../api/verifyEmail";

/**
 * `/account/verify-email/:key`, the link of a verification e-mail. It asks for a click before
 * verifying, so that a mail scanner following links does not verify on the person's behalf.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { key = "" } = useParams();
  const verification = useVerification(key);
  const verify = useVerifyEmail();
  const signIn = (
    <Link to="/signin">
      <Button type="primary" data-testid="verify-email-signin">
        {t("nav.signIn")}
      </Button>
    </Link>
  );

  let body;
  if (verify.isSuccess) {
    body = (
      <div data-testid="verify-email-done">
        <Result
          status="success"
          title={t("verifyEmail.doneTitle")}
          subTitle={t("verifyEmail.done", { email: verification.data?.email ?? "" })}
          extra={signIn}
        />
      </div>
    );
  } else if (verification.isPending) {
    body = <LoadingState rows={3} />;
  } else if (verification.isError || verify.isError) {
    const problem = toProblem(verification.error ?? verify.error);
    body = (
      <div data-testid="verify-email-invalid" data-problem-code={problem.code}>
        <Result
          status="warning"
          title={t("verifyEmail.invalidTitle")}
          subTitle={problemMessage(t, problem)}
          extra={signIn}
        />
      </div>
    );
  } else {
    body = (
      <>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("verifyEmail.title")}
        </Typography.Title>
        <Typography.Paragraph data-testid="verify-email-address">
          {t("verifyEmail.prompt", { email: verification.data.email })}
        </Typography.Paragraph>
        <Button
          data-testid="verify-email-submit"
          type="primary"
          size="large"
          block
          loading={verify.isPending}
          onClick={() => verify.mutate(key)}
        >
          {t("verifyEmail.submit")}
        </Button>
      </>
    );
  }

  return <AuthShell testId="verify-email-page">{body}</AuthShell>;
}

export { VerifyEmailPage as Component };
