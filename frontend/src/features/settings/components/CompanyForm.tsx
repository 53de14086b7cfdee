import { Alert, App, Button, Form, Input, Select, Switch, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { countryName, currencyName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { timeZones } from "@/lib/regions";
import { useUpdateCompany, type Company, type UpdateCompanyRequest } from "../api/company";

type Values = Required<Pick<UpdateCompanyRequest, "name" | "legal_name" | "locale" | "time_zone" | "require_mfa">>;

/**
 * The settings `PATCH /api/company/` accepts: name, legal name, language, time zone and the MFA
 * requirement. The address, country and currency are fixed at sign-up and shown read-only.
 */
export function CompanyForm({ company }: { company: Company }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const me = useSignedInMe();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCompany();
  const { state, report, clear } = useFormProblem(form);
  const requireMfa = Form.useWatch("require_mfa", form) ?? company.require_mfa;
  // Requiring MFA without having it would lock the member out of the workspace on the next request.
  const mfaLockout = requireMfa && !company.require_mfa && !me.user.has_mfa;

  const zones = useMemo(() => {
    const all = timeZones();
    return (all.includes(company.time_zone) ? all : [company.time_zone, ...all]).map((z) => ({ value: z, label: z }));
  }, [company.time_zone]);

  const onFinish = async (values: Values) => {
    clear();
    try {
      await update.mutateAsync({ ...values, name: values.name.trim(), legal_name: values.legal_name.trim() });
      void message.success(t("company.saved"));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="company"
      layout="vertical"
      data-testid="company-form"
      requiredMark={false}
      style={{ maxWidth: 560 }}
      initialValues={{
        name: company.name,
        legal_name: company.legal_name,
        locale: company.locale,
        time_zone: company.time_zone,
        require_mfa: company.require_mfa,
      }}
      onFinish={onFinish}
    >
      <FormAlert state={state} />
      <Form.Item label={t("company.fields.slug")}>
        <Input value={company.slug} disabled data-testid="company-slug" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("company.fields.name")}
        rules={[
          { required: true, whitespace: true, message: t("validation.required") },
          { max: 200, message: t("validation.maxLength", { max: 200 }) },
        ]}
      >
        <Input data-testid="company-name" />
      </Form.Item>
      <Form.Item
        name="legal_name"
        label={t("company.fields.legal_name")}
        extra={t("company.legalNameHelp")}
        rules={[{ max: 300, message: t("validation.maxLength", { max: 300 }) }]}
      >
        <Input data-testid="company-legal-name" />
      </Form.Item>
      <Form.Item label={t("company.fields.country")} extra={t("company.fixedAtSignup")}>
        <Typography.Text data-testid="company-country">
          {`${countryName(company.country, language)} (${company.country})`}
        </Typography.Text>
      </Form.Item>
      <Form.Item label={t("company.fields.currency")}>
        <Typography.Text data-testid="company-currency">
          {`${company.currency} · ${currencyName(company.currency, language)}`}
        </Typography.Text>
      </Form.Item>
      <Form.Item name="locale" label={t("company.fields.locale")}>
        <Select
          data-testid="company-locale"
          options={[
            { value: "zh-hans", label: "中文（简体）" },
            { value: "en", label: "English" },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="time_zone"
        label={t("company.fields.time_zone")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Select data-testid="company-time-zone" showSearch options={zones} />
      </Form.Item>
      <Form.Item
        name="require_mfa"
        label={t("company.fields.require_mfa")}
        extra={t("company.requireMfaHelp")}
        valuePropName="checked"
      >
        <Switch data-testid="company-require-mfa" />
      </Form.Item>
      {mfaLockout ? (
        <Alert
          data-testid="company-require-mfa-warning"
          type="warning"
          showIcon
          style={{ marginBottom: 24 }}
          message={t("company.requireMfaSelfFirst")}
        />
      ) : null}
      <Button
        data-testid="company-save"
        type="primary"
        htmlType="submit"
        loading={update.isPending}
        disabled={mfaLockout}
      >
        {t("actions.save")}
      </Button>
    </Form>
  );
}
