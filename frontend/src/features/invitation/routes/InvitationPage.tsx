import { Button, Result, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { AuthShell } from "@/components/AuthShell";
import { LoadingState } from "@/components/PageState";
import { roleLabel } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage, toProblem } from "@/lib/problem";
import { useInvitationLookup } from "../api/lookupInvitation";
import { AcceptInvitationForm } from "../components/AcceptInvitationForm";

/** `/invitation/:token` on the company's host: the link an invitation e-mail carries. */
export function InvitationPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const navigate = useNavigate();
  const { token = "" } = useParams();
  const lookup = useInvitationLookup(token);

  let body;
  if (lookup.isPending) {
    body = <LoadingState rows={5} />;
  } else if (lookup.isError) {
    const problem = toProblem(lookup.error);
    body = (
      <div data-testid="invitation-invalid" data-problem-code={problem.code}>
        <Result
          status="warning"
          title={t("invitation.invalidTitle")}
          subTitle={problemMessage(t, problem)}
          extra={
            <Link to="/signin">
              <Button type="primary">{t("nav.signIn")}</Button>
            </Link>
          }
        />
      </div>
    );
  } else {
    const offer = lookup.data;
    body = (
      <>
        <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="invitation-title">
          {t("invitation.title", { company: offer.company.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t("invitation.roles")}{" "}
          <span data-testid="invitation-roles">
            {offer.roles.map((role) => (
              <Tag key={role} color="blue">
                {roleLabel(t, role)}
              </Tag>
            ))}
          </span>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t("invitation.expires", { date: formatDateTime(offer.expires_at, language) })}
        </Typography.Paragraph>
        <AcceptInvitationForm
          token={token}
          offer={offer}
          onAccepted={(outcome) =>
            void navigate(outcome === "signed_in" ? "/" : `/signin?joined=1&email=${encodeURIComponent(offer.email)}`, {
              replace: true,
            })
          }
        />
      </>
    );
  }

  return <AuthShell testId="invitation-page">{body}</AuthShell>;
}

export { InvitationPage as Component };
