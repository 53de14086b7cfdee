import { useQueryClient } from "@tanstack/react-query";
import { Button, Form, Input, Result, Select, Spin, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { browser } from "@/lib/browser";
import { countryName, currencyName } from "@/lib/format";
import { readBaseDomain } from "@/lib/host";
import { currentLanguage, toServerLocale } from "@/lib/i18n";
import { isProblem } from "@/lib/problem";
import { COUNTRIES, CURRENCIES, defaultCurrencyFor } from "@/lib/regions";
import { fetchSlugCheck } from "../api/checkSlug";
import { useSignup, type SignupRequest } from "../api/signup";
import { PlanChoice } from "./PlanChoice";
import { SLUG_MAX, SLUG_MIN, SLUG_PATTERN, suggestSlug } from "./slug";
import { PASSWORD_MIN_LENGTH } from "@/lib/forms";

type Values = Omit<SignupRequest, "time_zone">;

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function SignupForm({ slugDebounceMs = 400 }: { slugDebounceMs?: number }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const signup = useSignup();
  const { state, report, clear } = useFormProblem(form);
  const [redirecting, setRedirecting] = useState(false);
  const slugEdited = useRef(false);
  const currencyEdited = useRef(false);

  const countryOptions = useMemo(
    () => COUNTRIES.map((code) => ({ value: code, label: `${countryName(code, language)} (${code})` })),
    [language],
  );
  const currencyOptions = useMemo(
    () => CURRENCIES.map((code) => ({ value: code, label: `${code} · ${currencyName(code, language)}` })),
    [language],
  );

  const onValuesChange = (changed: Partial<Values>) => {
    if ("slug" in changed) slugEdited.current = true;
    if ("currency" in changed) currencyEdited.current = true;
    if (changed.company_name !== undefined && !slugEdited.current) {
      const suggestion = suggestSlug(changed.company_name);
      form.setFieldValue("slug", suggestion);
      if (suggestion.length >= SLUG_MIN) void form.validateFields(["slug"]);
    }
    if (changed.country && !currencyEdited.current) {
      const currency = defaultCurrencyFor(changed.country);
      if (currency) form.setFieldValue("currency", currency);
    }
  };

  const onFinish = async (values: Values) => {
    clear();
    try {
      const result = await signup.mutateAsync({
        ...values,
        email: values.email.trim(),
        slug: values.slug.trim(),
        // The API lists the zones it knows (Python's zoneinfo); a browser naming another is answered
        // with a field error, shown above the form.
        time_zone: browserTimeZone() as SignupRequest["time_zone"],
      });
      setRedirecting(true);
      // The handoff link signs the owner in on the new host; without one, its sign-in page will.
      browser.assign(result.handoff_url ?? result.workspace_url);
    } catch (error) {
      report(error);
      // A 409 names the slug in its code rather than in `errors`: show it on the slug field too.
      if (isProblem(error) && error.code.startsWith("slug_") && !error.fieldErrors.slug) {
        form.setFields([{ name: "slug", errors: [t(`signup.slug.${error.code}`, { defaultValue: error.title })] }]);
      }
    }
  };

  if (redirecting) {
    return (
      <div data-testid="signup-success">
        <Result
          icon={<Spin size="large" />}
          title={t("signup.success.title")}
          subTitle={t("signup.success.subtitle")}
        />
      </div>
    );
  }

  return (
    <Form<Values>
      form={form}
      name="signup"
      layout="vertical"
      data-testid="signup-form"
      requiredMark={false}
      initialValues={{ country: "CN", currency: "CNY", locale: toServerLocale(language), plan: "growth" }}
      onValuesChange={onValuesChange}
      onFinish={onFinish}
      scrollToFirstError
    >
      <FormAlert state={state} />
      <Typography.Title level={5}>{t("signup.sections.company")}</Typography.Title>
      <Form.Item
        name="company_name"
        label={t("signup.fields.company_name")}
        rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 200 }]}
      >
        <Input data-testid="signup-company-name" autoComplete="organization" />
      </Form.Item>
      <Form.Item
        name="slug"
        label={t("signup.fields.slug")}
        extra={t("signup.slugHelp")}
        hasFeedback
        validateDebounce={slugDebounceMs}
        validateFirst
        normalize={(value: string | undefined) => value?.toLowerCase()}
        rules={[
          { required: true, message: t("validation.required") },
          { min: SLUG_MIN, max: SLUG_MAX, message: t("signup.slug.length", { min: SLUG_MIN, max: SLUG_MAX }) },
          { pattern: SLUG_PATTERN, message: t("signup.slug.slug_invalid") },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              let check;
              try {
                check = await fetchSlugCheck(queryClient, value);
              } catch {
                return; // The check is a convenience; the server decides on submit.
              }
              if (!check.available) {
                const code = check.code ?? "slug_taken";
                throw new Error(t(`signup.slug.${code}`, { defaultValue: check.detail ?? code }));
              }
            },
          },
        ]}
      >
        <Input
          data-testid="signup-slug"
          suffix={<Typography.Text type="secondary">{`.${readBaseDomain() ?? window.location.host}`}</Typography.Text>}
          autoComplete="off"
          spellCheck={false}
        />
      </Form.Item>
      <Form.Item
        name="country"
        label={t("signup.fields.country")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Select data-testid="signup-country" showSearch optionFilterProp="label" options={countryOptions} />
      </Form.Item>
      <Form.Item
        name="currency"
        label={t("signup.fields.currency")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Select data-testid="signup-currency" showSearch optionFilterProp="label" options={currencyOptions} />
      </Form.Item>
      <Form.Item
        name="locale"
        label={t("signup.fields.locale")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Select
          data-testid="signup-locale"
          options={[
            { value: "zh-hans", label: "中文（简体）" },
            { value: "en", label: "English" },
          ]}
        />
      </Form.Item>
      <Typography.Title level={5}>{t("signup.sections.plan")}</Typography.Title>
      <Form.Item noStyle shouldUpdate={(before, after) => before.currency !== after.currency}>
        {() => (
          <Form.Item name="plan" extra={t("signup.plan.help")}>
            <PlanChoice currency={(form.getFieldValue("currency") as string | undefined) ?? "CNY"} />
          </Form.Item>
        )}
      </Form.Item>
      <Typography.Title level={5}>{t("signup.sections.owner")}</Typography.Title>
      <Form.Item
        name="full_name"
        label={t("signup.fields.full_name")}
        rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 150 }]}
      >
        <Input data-testid="signup-full-name" autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t("signup.fields.email")}
        rules={[
          { required: true, message: t("validation.required") },
          { type: "email", message: t("validation.email") },
        ]}
      >
        <Input data-testid="signup-email" inputMode="email" autoComplete="email" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("signup.fields.password")}
        rules={[
          { required: true, message: t("validation.required") },
          { min: PASSWORD_MIN_LENGTH, message: t("validation.passwordMin", { min: PASSWORD_MIN_LENGTH }) },
        ]}
      >
        <Input.Password data-testid="signup-password" autoComplete="new-password" />
      </Form.Item>
      <Form.Item>
        <Button
          data-testid="signup-submit"
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={signup.isPending}
        >
          {t("signup.submit")}
        </Button>
      </Form.Item>
    </Form>
  );
}
