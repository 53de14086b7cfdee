import { App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useAccess } from "@/lib/access";
import { useFinanceSettings, useUpdateFinanceSettings, type FinanceSettings } from "../api/settings";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";
import { ProjectsCard } from "../components/ProjectsCard";

interface Values {
  price_tolerance_percent: string;
  quantity_tolerance_percent: string;
  tax_id: string;
  default_vat_percent: string;
  approve_matched_invoices: boolean;
}

function SettingsForm({ settings }: { settings: FinanceSettings }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const problem = useFormProblem(form);
  const update = useUpdateFinanceSettings();
  const readOnly = !can("finance.post");

  const submit = async (values: Values) => {
    problem.clear();
    try {
      await update.mutateAsync({
        price_tolerance_percent: String(values.price_tolerance_percent),
        quantity_tolerance_percent: String(values.quantity_tolerance_percent),
        tax_id: (values.tax_id ?? "").trim(),
        default_vat_percent: String(values.default_vat_percent),
        approve_matched_invoices: Boolean(values.approve_matched_invoices),
      });
      void message.success(t("finance.books.settings.saved"));
    } catch (error) {
      problem.report(error);
    }
  };

  const percent = (name: keyof Values, label: string, help: string) => (
    <Form.Item
      name={name}
      label={label}
      extra={help}
      rules={[{ required: true, message: t("finance.books.settings.percentRequired") }]}
    >
      <InputNumber<string>
        stringMode
        min="0"
        max="100"
        precision={2}
        addonAfter="%"
        disabled={readOnly}
        style={{ width: 200 }}
        data-testid={`settings-${name}`}
      />
    </Form.Item>
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(values) => void submit(values)}
      initialValues={{
        price_tolerance_percent: settings.price_tolerance_percent ?? "0",
        quantity_tolerance_percent: settings.quantity_tolerance_percent ?? "0",
        tax_id: settings.tax_id ?? "",
        default_vat_percent: settings.default_vat_percent ?? "0",
        approve_matched_invoices: settings.approve_matched_invoices ?? false,
      }}
      data-testid="settings-form"
    >
      <FormAlert state={problem.state} />
      <Card title={t("finance.books.settings.tax")}>
        <Form.Item
          name="tax_id"
          label={t("finance.books.settings.taxId")}
          extra={t("finance.books.settings.taxIdHelp")}
        >
          <Input maxLength={64} disabled={readOnly} style={{ maxWidth: 360 }} data-testid="settings-tax_id" />
        </Form.Item>
        {percent(
          "default_vat_percent",
          t("finance.books.settings.defaultVat"),
          t("finance.books.settings.defaultVatHelp"),
        )}
      </Card>
      <Card title={t("finance.books.settings.matching")} style={{ marginTop: 16 }}>
        {percent(
          "price_tolerance_percent",
          t("finance.books.settings.priceTolerance"),
          t("finance.books.settings.priceToleranceHelp"),
        )}
        {percent(
          "quantity_tolerance_percent",
          t("finance.books.settings.quantityTolerance"),
          t("finance.books.settings.quantityToleranceHelp"),
        )}
        <Form.Item
          name="approve_matched_invoices"
          label={t("finance.books.settings.approveMatched")}
          extra={t("finance.books.settings.approveMatchedHelp")}
          valuePropName="checked"
        >
          <Switch disabled={readOnly} data-testid="settings-approve_matched_invoices" />
        </Form.Item>
      </Card>
      {readOnly ? null : (
        <Button
          type="primary"
          htmlType="submit"
          loading={update.isPending}
          style={{ marginTop: 16 }}
          data-testid="settings-save"
        >
          {t("actions.save")}
        </Button>
      )}
    </Form>
  );
}

/**
 * `/finance/settings`: how the books are kept (read-only: chart, currency, fiscal year), what may change
 * (tax id, default VAT, match tolerances), and the projects journal lines can be tagged with.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useFinanceSettings();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="finance-settings-page">
      <BooksHeader title={t("finance.books.settings.title")} intro={t("finance.books.settings.intro")} />
      <BooksQueryView query={settings}>
        {(data) => (
          <>
            <Card title={t("finance.books.home.books")}>
              <Descriptions column={{ xs: 1, md: 3 }} size="small">
                <Descriptions.Item label={t("finance.books.settings.chartTemplate")}>
                  {t(`finance.books.templates.${data.chart_template}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t("finance.books.settings.functionalCurrency")}>
                  {data.functional_currency}
                </Descriptions.Item>
                <Descriptions.Item label={t("finance.books.settings.fiscalYearStart")}>
                  {t("finance.books.settings.month", { month: data.fiscal_year_start_month })}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <SettingsForm settings={data} />
            <ProjectsCard />
          </>
        )}
      </BooksQueryView>
    </Space>
  );
}

export { SettingsPage as Component };
