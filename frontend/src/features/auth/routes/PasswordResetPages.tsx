import { useParams, useSearchParams } from "react-router";
import { AuthShell } from "@/components/AuthShell";
import { ForgotPasswordForm } from "../components/ForgotPasswordForm";
import { ResetPasswordForm } from "../components/ResetPasswordForm";

/** `/account/password/reset`: ask for a reset link (also offered inline on the sign-in pages). */
export function RequestPasswordResetPage() {
  const [params] = useSearchParams();
  return (
    <AuthShell testId="password-reset-request-page">
      <ForgotPasswordForm initialEmail={params.get("email") ?? ""} />
    </AuthShell>
  );
}

/** `/account/password/reset/:key`: the link of a reset e-mail. */
export function ResetPasswordPage() {
  const { key = "" } = useParams();
  return (
    <AuthShell testId="password-reset-page">
      <ResetPasswordForm resetKey={key} />
    </AuthShell>
  );
}
