import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { EmptyState, QueryView } from "@/components/PageState";
import { Forbidden } from "@/components/StatusPages";
import { canAny, PROCUREMENT_READERS, useAccess } from "@/lib/access";
import { dayjs, type Dayjs } from "@/lib/dates";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import { CURRENCIES } from "@/lib/regions";
import {
  useDeleteExchangeRate,
  useExchangeRates,
  useSetExchangeRate,
  type ExchangeRate,
  type ExchangeRateInput,
} from "../api/exchangeRates";
import { useMemberDirectory } from "../api/members";
import { useProcurementSettings, useUpdateProcurementSettings } from "../api/procurementSettings";
import { newIdempotencyKey } from "../components/idempotencyKey";

const MAX_RATE_DECIMALS = 8;

function decimalsOf(value: string): number {
  const [, fraction = ""] = value.split(".");
  return fraction.replace(/0+$/, "").length;
}

/** The entries in force today: per currency, the newest one valid on or before today. */
export function ratesInForce(rates: ExchangeRate[], today = dayjs().format("YYYY-MM-DD")): Set<number> {
  const best = new Map<string, ExchangeRate>();
  for (const rate of rates) {
    if (rate.valid_on > today) continue;
    const current = best.get(rate.currency);
    if (!current || rate.valid_on > current.valid_on) best.set(rate.currency, rate);
  }
  return new Set([...best.values()].map((rate) => rate.id));
}

function formatExchangeRate(value: string, language: AppLanguage): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(language, { maximumFractionDigits: MAX_RATE_DECIMALS }).format(number);
}

interface RateValues {
  currency: ExchangeRateInput["currency"] | undefined;
  rate: string | null;
  valid_on: Dayjs | null;
}

/** The form that enters a rate (finance.post). One Idempotency-Key per entry: a retried send adds it once. */
function NewRateForm({ home }: { home: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RateValues>();
  const { state, report, clear } = useFormProblem(form);
  const create = useSetExchangeRate();
  const key = useRef(newIdempotencyKey());
  const options = CURRENCIES.filter((c) => c !== home).map((c) => ({ value: c, label: c }));

  const onFinish = async (values: RateValues) => {
    clear();
    try {
      await create.mutateAsync({
        idempotencyKey: key.current,
        body: {
          currency: values.currency as ExchangeRateInput["currency"], // required by the form's rule
          rate: String(values.rate ?? ""),
          valid_on: values.valid_on ? values.valid_on.format("YYYY-MM-DD") : null,
        },
      });
      key.current = newIdempotencyKey();
      form.resetFields(["rate"]);
      void message.success(t("procurement.rates.saved"));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<RateValues>
      form={form}
      layout="inline"
      name="exchange-rate"
      initialValues={{ currency: undefined, rate: null, valid_on: dayjs() }}
      onValuesChange={() => {
        // Another entry is another request: a new key, so it is not taken for a retry of the last one.
        key.current = newIdempotencyKey();
      }}
      onFinish={(values) => void onFinish(values)}
      style={{ rowGap: 8, marginBottom: 16 }}
      data-testid="rate-form"
    >
      <div style={{ width: "100%" }}>
        <FormAlert state={state} />
      </div>
      <Form.Item
        name="currency"
        label={t("procurement.rates.currency")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Select
          showSearch
          style={{ width: 120 }}
          options={options}
          placeholder={t("procurement.rates.currencyPlaceholder")}
          data-testid="rate-currency"
        />
      </Form.Item>
      <Form.Item
        name="rate"
        label={t("procurement.rates.rate")}
        rules={[
          { required: true, message: t("validation.required") },
          {
            validator: (_, value: string | null) => {
              if (value === null || value === undefined || value === "") return Promise.resolve();
              if (!(Number(value) > 0)) return Promise.reject(new Error(t("procurement.rates.rateAboveZero")));
              if (decimalsOf(String(value)) > MAX_RATE_DECIMALS)
                return Promise.reject(new Error(t("procurement.rates.rateDecimals", { max: MAX_RATE_DECIMALS })));
              return Promise.resolve();
            },
          },
        ]}
      >
        <InputNumber<string>
          stringMode
          min="0"
          style={{ width: 180 }}
          addonAfter={home}
          placeholder="7.1234"
          data-testid="rate-value"
        />
      </Form.Item>
      <Form.Item
        name="valid_on"
        label={t("procurement.rates.validOn")}
        tooltip={t("procurement.rates.validOnHelp")}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <DatePicker data-testid="rate-valid-on" allowClear={false} />
      </Form.Item>
      <Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={create.isPending}
          data-testid="rate-submit"
        >
          {t("procurement.rates.add")}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** The company's rate table: approval routing converts an order's total with it. */
function RatesCard({ home, mayEnter }: { home: string; mayEnter: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [currency, setCurrency] = useState("");
  const rates = useExchangeRates(currency);
  const remove = useDeleteExchangeRate();
  const { nameOf } = useMemberDirectory();
  const inForce = useMemo(() => ratesInForce(rates.data ?? []), [rates.data]);

  return (
    <Card
      title={t("procurement.rates.title")}
      data-testid="rates"
      extra={
        <Select
          allowClear
          showSearch
          style={{ width: 180 }}
          placeholder={t("procurement.rates.allCurrencies")}
          value={currency || undefined}
          onChange={(value?: string) => setCurrency(value ?? "")}
          options={CURRENCIES.filter((c) => c !== home).map((c) => ({ value: c, label: c }))}
          data-testid="rate-filter"
        />
      }
    >
      <Typography.Paragraph type="secondary">{t("procurement.rates.intro", { currency: home })}</Typography.Paragraph>
      {mayEnter ? (
        <NewRateForm home={home} />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("procurement.rates.readOnly")} />
      )}
      <QueryView
        query={rates}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            description={currency ? t("procurement.rates.emptyCurrency", { currency }) : t("procurement.rates.empty")}
          />
        }
      >
        {(data) => (
          <Table<ExchangeRate>
            size="small"
            rowKey="id"
            dataSource={data}
            pagination={data.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: true }}
            data-testid="rates-table"
            onRow={(rate) => ({ "data-testid": `rate-row-${rate.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: "currency",
                title: t("procurement.rates.currency"),
                render: (_, rate) => (
                  <Space size={4}>
                    <Typography.Text strong>{rate.currency}</Typography.Text>
                    {inForce.has(rate.id) ? (
                      <Tag color="green" data-testid={`rate-in-force-${rate.id}`}>
                        {t("procurement.rates.inForce")}
                      </Tag>
                    ) : null}
                  </Space>
                ),
              },
              {
                key: "valid_on",
                title: t("procurement.rates.validFrom"),
                render: (_, rate) => formatDate(rate.valid_on, language),
              },
              {
                key: "rate",
                title: t("procurement.rates.rate"),
                render: (_, rate) =>
                  t("procurement.rates.oneUnit", {
                    currency: rate.currency,
                    rate: formatExchangeRate(rate.rate, language),
                    home: rate.home_currency,
                  }),
              },
              {
                key: "entered",
                title: t("procurement.rates.entered"),
                render: (_, rate) => (
                  <Space direction="vertical" size={0}>
                    <span>
                      {rate.created_by_id === null ? t("procurement.rates.unknownMember") : nameOf(rate.created_by_id)}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(rate.created_at, language)}
                    </Typography.Text>
                  </Space>
                ),
              },
              ...(mayEnter
                ? [
                    {
                      key: "actions",
                      title: "",
                      render: (_: unknown, rate: ExchangeRate) => (
                        <Popconfirm
                          title={t("procurement.rates.deleteConfirm", {
                            currency: rate.currency,
                            date: formatDate(rate.valid_on, language),
                          })}
                          okText={t("actions.delete")}
                          cancelText={t("actions.cancel")}
                          okButtonProps={{
                            danger: true,
                            ...({ "data-testid": `rate-delete-confirm-${rate.id}` } as Record<string, string>),
                          }}
                          onConfirm={() =>
                            remove
                              .mutateAsync(rate.id)
                              .then(() => void message.success(t("procurement.rates.deleted")))
                              .catch((error: unknown) => void message.error(problemMessage(t, error)))
                          }
                        >
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t("actions.delete")}
                            data-testid={`rate-delete-${rate.id}`}
                          />
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

interface SettingsValues {
  auto_approve_unmatched: boolean;
  rate_tolerance_percent: string | null;
}

/** What routing does with an order no rule matches, and how far a typed rate may stray (approval.rules). */
function SettingsCard({ mayChange }: { mayChange: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const settings = useProcurementSettings();
  const update = useUpdateProcurementSettings();
  const [form] = Form.useForm<SettingsValues>();
  const { state, report, clear } = useFormProblem(form);
  const auto = Form.useWatch("auto_approve_unmatched", form) as boolean | undefined;

  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue({
        auto_approve_unmatched: settings.data.auto_approve_unmatched,
        rate_tolerance_percent: settings.data.rate_tolerance_percent,
      });
    }
  }, [settings.data, form]);

  const onFinish = async (values: SettingsValues) => {
    clear();
    try {
      await update.mutateAsync({
        auto_approve_unmatched: values.auto_approve_unmatched,
        rate_tolerance_percent: String(values.rate_tolerance_percent ?? ""),
      });
      void message.success(t("procurement.settings.saved"));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Card title={t("procurement.settings.title")} data-testid="procurement-settings">
      <QueryView query={settings}>
        {(data) => (
          <Form<SettingsValues>
            form={form}
            layout="vertical"
            name="procurement-settings"
            disabled={!mayChange}
            initialValues={{
              auto_approve_unmatched: data.auto_approve_unmatched,
              rate_tolerance_percent: data.rate_tolerance_percent,
            }}
            onFinish={(values) => void onFinish(values)}
            style={{ maxWidth: 640 }}
          >
            <FormAlert state={state} />
            {mayChange ? null : (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("procurement.settings.readOnly")} />
            )}
            <Form.Item
              name="auto_approve_unmatched"
              label={t("procurement.settings.autoApprove")}
              valuePropName="checked"
              extra={
                <span data-testid="auto-approve-help">
                  {(auto ?? data.auto_approve_unmatched)
                    ? t("procurement.settings.autoApproveOn")
                    : t("procurement.settings.autoApproveOff")}
                </span>
              }
            >
              <Switch data-testid="auto-approve-switch" />
            </Form.Item>
            <Form.Item
              name="rate_tolerance_percent"
              label={t("procurement.settings.tolerance")}
              extra={t("procurement.settings.toleranceHelp")}
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <InputNumber<string>
                stringMode
                min="0"
                max="100"
                step="0.5"
                precision={2}
                addonAfter="%"
                style={{ width: 180 }}
                data-testid="rate-tolerance"
              />
            </Form.Item>
            <Space wrap>
              {mayChange ? (
                <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-save">
                  {t("actions.save")}
                </Button>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("procurement.settings.updatedAt", { when: formatDateTime(data.updated_at, language) })}
              </Typography.Text>
            </Space>
          </Form>
        )}
      </QueryView>
    </Card>
  );
}

/**
 * What approval routing trusts besides the rules: the company's rate table (entered by finance.post) and
 * the procurement settings (changed by approval.rules). Anyone who works with orders may read both.
 */
export function RatesSettingsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const { can } = useAccess();
  const home = me.company?.currency ?? "CNY";
  if (!canAny(me, PROCUREMENT_READERS)) return <Forbidden />;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="rates-settings-page">
      <Space wrap>
        {can("po.approve") || can("approval.rules") ? (
          <Link to="/approvals">← {t("procurement.inbox.title")}</Link>
        ) : null}
        {can("approval.rules") ? <Link to="/approvals/rules">{t("procurement.rules.title")}</Link> : null}
      </Space>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("procurement.settings.pageTitle")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("procurement.settings.pageIntro")}</Typography.Text>
      </div>
      <SettingsCard mayChange={can("approval.rules")} />
      <RatesCard home={home} mayEnter={can("finance.post")} />
    </Space>
  );
}

export { RatesSettingsPage as Component };
