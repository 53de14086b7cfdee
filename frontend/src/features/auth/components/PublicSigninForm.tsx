import { Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { browser } from "@/lib/browser";
import { companyDestination, useSignin, type SigninCompany, type SigninRequest } from "../api/signin";
import { CompanyPicker } from "./CompanyPicker";

/** Sign-in on the public host: checks the password, then forwards to the member's company host. */
export function PublicSigninForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SigninRequest>();
  const signin = useSignin();
  const { state, report, clear } = useFormProblem(form);
  const [companies, setCompanies] = useState<SigninCompany[] | null>(null);

  const go = (company: SigninCompany) => browser.assign(companyDestination(company));

  const onFinish = async (values: SigninRequest) => {
    clear();
    try {
      const result = await signin.mutateAsync({ email: values.email.trim(), password: values.password });
      if (result.companies.length === 1 && result.companies[0]) go(result.companies[0]);
      else setCompanies(result.companies);
    } catch (error) {
      report(error);
    }
  };

  if (companies) {
    return <CompanyPicker companies={companies} onPick={go} onBack={() => setCompanies(null)} />;
  }

  return (
    <Form<SigninRequest>
      form={form}
      name="signin"
      layout="vertical"
      data-testid="signin-form"
      requiredMark={false}
      onFinish={onFinish}
    >
      <FormAlert state={state} />
      <Form.Item
        name="email"
        label={t("signin.fields.email")}
        rules={[
          { required: true, message: t("validation.required") },
          { type: "email", message: t("validation.email") },
        ]}
      >
        <Input data-testid="signin-email" inputMode="email" autoComplete="email" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("signin.fields.password")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Input.Password data-testid="signin-password" autoComplete="current-password" />
      </Form.Item>
      <Button
        data-testid="signin-submit"
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={signin.isPending}
      >
        {t("signin.submit")}
      </Button>
    </Form>
  );
}
