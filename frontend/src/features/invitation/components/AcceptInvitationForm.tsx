import { Button, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { PASSWORD_MIN_LENGTH } from "@/lib/forms";
import { useAcceptInvitation, type AcceptOutcome } from "../api/acceptInvitation";
import type { InvitationOffer } from "../api/lookupInvitation";

interface Values {
  full_name?: string;
  password: string;
  confirm?: string;
}

/**
 * Accepting an invitation: a new address chooses a name and a password; an address that already
 * has a Hansa account enters that account's password.
 */
export function AcceptInvitationForm({
  token,
  offer,
  onAccepted,
}: {
  token: string;
  offer: InvitationOffer;
  onAccepted: (outcome: AcceptOutcome) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const accept = useAcceptInvitation();
  const { state, report, clear } = useFormProblem(form);
  const existing = offer.account_exists;

  const onFinish = async (values: Values) => {
    clear();
    try {
      onAccepted(
        await accept.mutateAsync({ token, password: values.password, full_name: values.full_name?.trim() ?? "" }),
      );
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="invitation"
      layout="vertical"
      requiredMark={false}
      data-testid="invitation-form"
      onFinish={onFinish}
    >
      <FormAlert state={state} />
      <Form.Item label={t("invitation.fields.email")}>
        <Input value={offer.email} disabled data-testid="invitation-email" />
      </Form.Item>
      {existing ? (
        <Typography.Paragraph type="secondary" data-testid="invitation-existing-account">
          {t("invitation.existingAccount")}
        </Typography.Paragraph>
      ) : (
        <Form.Item
          name="full_name"
          label={t("invitation.fields.full_name")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 200, message: t("validation.maxLength", { max: 200 }) },
          ]}
        >
          <Input data-testid="invitation-full-name" autoComplete="name" autoFocus />
        </Form.Item>
      )}
      <Form.Item
        name="password"
        label={existing ? t("invitation.fields.current_password") : t("invitation.fields.new_password")}
        rules={[
          { required: true, message: t("validation.required") },
          ...(existing
            ? []
            : [{ min: PASSWORD_MIN_LENGTH, message: t("validation.passwordMin", { min: PASSWORD_MIN_LENGTH }) }]),
        ]}
      >
        <Input.Password
          data-testid="invitation-password"
          autoComplete={existing ? "current-password" : "new-password"}
          autoFocus={existing}
        />
      </Form.Item>
      {existing ? null : (
        <Form.Item
          name="confirm"
          label={t("invitation.fields.confirm")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("validation.required") },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue("password")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("validation.passwordMismatch"))),
            }),
          ]}
        >
          <Input.Password data-testid="invitation-password-confirm" autoComplete="new-password" />
        </Form.Item>
      )}
      <Button
        data-testid="invitation-submit"
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={accept.isPending}
      >
        {t("invitation.submit", { company: offer.company.name })}
      </Button>
    </Form>
  );
}
