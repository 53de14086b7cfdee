import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { formatDateTime, formatMoney, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useMigratePlan, usePlans, type ConsolePlan } from "../api/plans";
import { CURRENCIES, featureLabel, meterLabel, planName } from "../components/labels";
import { PlanVersionForm } from "../components/PlanVersionForm";
import { ReasonDialog } from "../components/ReasonDialog";

function PlanCard({ plan }: { plan: ConsolePlan }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const language = currentLanguage(i18n);
  const [editing, setEditing] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const migrate = useMigratePlan();
  const version = plan.current_version;
  const price = (currency: string, interval: string) =>
    version?.prices.find((p) => p.currency === currency && p.interval === interval)?.base_amount;

  return (
    <Card
      data-testid={`plan-${plan.code}`}
      title={
        <Space>
          {planName(plan, language)}
          <Tag>{plan.code}</Tag>
          {version ? <Tag color="blue">v{version.number}</Tag> : null}
          {plan.is_free ? <Tag color="green">{t("console.plans.free")}</Tag> : null}
          {!plan.is_public ? <Tag>{t("console.plans.hidden")}</Tag> : null}
        </Space>
      }
      extra={
        <Space>
          <Button
            data-testid={`plan-migrate-${plan.code}`}
            disabled={plan.subscriptions_on_older_versions === 0}
            onClick={() => setMigrating(true)}
          >
            {t("console.plans.migrate", { count: plan.subscriptions_on_older_versions })}
          </Button>
          <Button type="primary" data-testid={`plan-new-version-${plan.code}`} onClick={() => setEditing(true)}>
            {t("console.plans.newVersion")}
          </Button>
        </Space>
      }
    >
      {version ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t("console.plans.trialDays")}>{version.trial_days}</Descriptions.Item>
            <Descriptions.Item label={t("console.plans.subscriptions")}>
              {plan.subscriptions_count} ({t("console.plans.onOlder", { count: plan.subscriptions_on_older_versions })})
            </Descriptions.Item>
            <Descriptions.Item label={t("console.plans.versions")}>{plan.versions_count}</Descriptions.Item>
            <Descriptions.Item label={t("console.plans.note")} span={2}>
              {version.note || "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("console.plans.published")}>
              {formatDateTime(version.created_at, language)}{" "}
              {version.created_by_email ? `· ${version.created_by_email}` : ""}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            {version.features.length === 0 ? (
              <Typography.Text type="secondary">{t("console.plans.noFeatures")}</Typography.Text>
            ) : (
              version.features.map((f) => (
                <Tag key={f} color="geekblue">
                  {featureLabel(t, f)}
                </Tag>
              ))
            )}
          </Space>
          <Row gutter={16}>
            <Col xs={24} lg={9}>
              <Table
                size="small"
                pagination={false}
                rowKey="currency"
                dataSource={CURRENCIES.map((currency) => ({ currency }))}
                columns={[
                  { key: "c", title: t("console.plans.currency"), dataIndex: "currency" },
                  {
                    key: "m",
                    title: t("console.interval.month"),
                    align: "right",
                    render: (_, r) => {
                      const v = price(r.currency, "month");
                      return v === undefined ? "—" : formatMoney(v, r.currency, language);
                    },
                  },
                  {
                    key: "y",
                    title: t("console.interval.year"),
                    align: "right",
                    render: (_, r) => {
                      const v = price(r.currency, "year");
                      return v === undefined ? "—" : formatMoney(v, r.currency, language);
                    },
                  },
                ]}
              />
            </Col>
            <Col xs={24} lg={15}>
              <Table
                size="small"
                pagination={false}
                rowKey="meter"
                dataSource={version.entitlements}
                columns={[
                  { key: "meter", title: t("console.plans.meter"), render: (_, e) => meterLabel(t, e.meter) },
                  {
                    key: "included",
                    title: t("console.plans.included"),
                    align: "right",
                    render: (_, e) => e.included ?? t("console.usage.unlimited"),
                  },
                  {
                    key: "enforcement",
                    title: t("console.plans.enforcement"),
                    render: (_, e) => t(`console.plans.${e.enforcement}`),
                  },
                  {
                    key: "overage",
                    title: t("console.plans.overageShort"),
                    render: (_, e) =>
                      Object.entries(e.overage_prices ?? {})
                        .map(([c, v]) => formatUnitPrice(v, c, language))
                        .join(" · ") || "—",
                  },
                ]}
              />
            </Col>
          </Row>
        </Space>
      ) : (
        <Alert type="warning" message={t("console.plans.noVersion")} />
      )}
      {editing ? <PlanVersionForm plan={plan} open={editing} onClose={() => setEditing(false)} /> : null}
      <ReasonDialog<object>
        open={migrating}
        testId="plan-migrate-dialog"
        title={t("console.plans.migrateTitle", { name: planName(plan, language), number: version?.number ?? 0 })}
        description={t("console.plans.migrateDescription", { count: plan.subscriptions_on_older_versions })}
        confirmLabel={t("console.plans.migrateConfirm")}
        pending={migrate.isPending}
        onSubmit={async ({ reason }) => {
          const result = await migrate.mutateAsync({ planId: plan.id, reason });
          void message.success(t("console.plans.migrated", { count: result.migrated }));
        }}
        onClose={() => setMigrating(false)}
      />
    </Card>
  );
}

/** The plans editor: each plan's current version; a new version, or moving subscriptions onto it. */
export function PlansPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="plans-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("console.plans.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("console.plans.intro")}</Typography.Text>
      </div>
      <QueryView query={plans} loadingRows={10}>
        {(data) => (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {data.map((plan) => (
              <PlanCard key={plan.id} plan={plan} />
            ))}
          </Space>
        )}
      </QueryView>
    </Space>
  );
}

export { PlansPage as Component };
