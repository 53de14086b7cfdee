import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFound } from "@/components/StatusPages";
import { QueryView } from "@/components/PageState";
import { usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCompany, useCompanyAudit, type CompanyDetail, type SubscriptionEvent } from "../api/company";
import { CompanyActions } from "../components/CompanyActions";
import { ConsoleAuditTable } from "../components/ConsoleAuditTable";
import { CompanyBackups } from "../components/CompanyBackups";
import { CompanyInvoices } from "../components/CompanyInvoices";
import { CompanyStatusTag, SubscriptionStatusTag } from "../components/labels";
import { UsageList } from "../components/UsageBars";

function Overview({ detail }: { detail: CompanyDetail }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { company, subscription } = detail;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="company-overview">
      <Descriptions.Item label={t("console.fields.plan")}>
        {subscription ? (
          <Space>
            <span data-testid="company-plan">
              {language === "zh-CN" ? subscription.plan_name_zh : subscription.plan_name_en}
            </span>
            <Tag>v{subscription.plan_version}</Tag>
            {!subscription.plan_version_current ? <Tag color="gold">{t("console.company.olderVersion")}</Tag> : null}
          </Space>
        ) : (
          t("console.subscriptionStatus.none")
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.subscriptionStatus")}>
        <SubscriptionStatusTag t={t} status={subscription?.status} />
        {subscription?.cancel_at_period_end ? (
          <Tag color="orange">{t("console.company.cancelsAtPeriodEnd")}</Tag>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.interval")}>
        {subscription ? t(`console.interval.${subscription.interval}`) : "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.trialEndsAt")}>
        <span data-testid="company-trial-ends">{formatDateTime(subscription?.trial_ends_at, language)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.period")}>
        {subscription
          ? `${formatDate(subscription.current_period_start, language)} – ${formatDate(subscription.current_period_end, language)}`
          : "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.gateway")}>
        {subscription ? t(`console.gateway.${subscription.gateway}`, { defaultValue: subscription.gateway }) : "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fleet.columns.mrr")}>
        {formatMoney(company.mrr_amount, company.subscription_currency ?? company.currency, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fleet.columns.members")}>
        <span data-testid="company-members">{company.members}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.invoices")}>{detail.invoices_count}</Descriptions.Item>
      <Descriptions.Item label={t("console.fleet.columns.lastActive")}>
        {formatDateTime(company.last_active_at, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fleet.columns.createdAt")}>
        {formatDateTime(company.created_at, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t("console.fields.pastDueSince")}>
        {formatDateTime(subscription?.past_due_since, language)}
      </Descriptions.Item>
    </Descriptions>
  );
}

function History({ detail }: { detail: CompanyDetail }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <>
      {detail.events_count > detail.events.length ? (
        <Typography.Paragraph type="secondary">
          {t("console.company.historyTruncated", { shown: detail.events.length, total: detail.events_count })}
        </Typography.Paragraph>
      ) : null}
      <Table<SubscriptionEvent>
        data-testid="subscription-history"
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={detail.events}
        columns={[
          { key: "at", title: t("audit.fields.created_at"), render: (_, e) => formatDateTime(e.created_at, language) },
          {
            key: "kind",
            title: t("console.history.kind"),
            render: (_, e) => <Tag>{t(`console.eventKinds.${e.kind}`, { defaultValue: e.kind })}</Tag>,
          },
          {
            key: "change",
            title: t("console.history.change"),
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                {e.from_plan || e.to_plan ? (
                  <span>
                    {e.from_plan ? `${e.from_plan} v${e.from_plan_version}` : "—"} →{" "}
                    {e.to_plan ? `${e.to_plan} v${e.to_plan_version}` : "—"}
                  </span>
                ) : null}
                {e.from_status || e.to_status ? (
                  <Typography.Text type="secondary">
                    {e.from_status ? t(`console.subscriptionStatus.${e.from_status}`) : "—"} →{" "}
                    {e.to_status ? t(`console.subscriptionStatus.${e.to_status}`) : "—"}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: "amount",
            title: t("console.history.proration"),
            align: "right",
            render: (_, e) =>
              e.proration_amount ? formatMoney(e.proration_amount, e.currency || "CNY", language) : "—",
          },
          {
            key: "who",
            title: t("audit.fields.actor"),
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                <span>{e.actor_email ?? "—"}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`console.sources.${e.source}`, { defaultValue: e.source || "—" })}
                </Typography.Text>
              </Space>
            ),
          },
          { key: "reason", title: t("console.reason.label"), render: (_, e) => e.reason || "—" },
        ]}
      />
    </>
  );
}

function CompanyAudit({ companyId }: { companyId: number }) {
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 20 });
  const audit = useCompanyAudit(companyId, params);
  return (
    <QueryView query={audit}>
      {(data) => (
        <ConsoleAuditTable
          testId="company-audit-table"
          entries={data.results}
          count={data.count}
          params={params}
          onPage={setParams}
          loading={audit.isFetching && audit.isPlaceholderData}
        />
      )}
    </QueryView>
  );
}

export function CompanyPage() {
  const { t } = useTranslation();
  const { companyId } = useParams();
  const id = Number(companyId);
  const detail = useCompany(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="company-page">
      <Link to="/console">
        <ArrowLeftOutlined /> {t("console.nav.fleet")}
      </Link>
      <QueryView query={detail} loadingRows={10}>
        {(data) => (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
              <div>
                <Typography.Title level={2} style={{ margin: 0 }} data-testid="company-name">
                  {data.company.name}
                </Typography.Title>
                <Space>
                  <Typography.Text type="secondary">{data.company.slug}</Typography.Text>
                  <CompanyStatusTag t={t} status={data.company.status} />
                  {data.company.billing_lock ? (
                    <Tag color="red">{t(`console.billingLock.${data.company.billing_lock}`)}</Tag>
                  ) : null}
                </Space>
              </div>
              <CompanyActions detail={data} />
            </Space>
            {data.company.status === "suspended" ? (
              <Alert
                type="error"
                showIcon
                data-testid="company-suspended"
                message={t("console.company.suspendedBanner")}
              />
            ) : null}
            <Card>
              <Overview detail={data} />
            </Card>
            <Card>
              <Tabs
                items={[
                  { key: "history", label: t("console.company.tabs.history"), children: <History detail={data} /> },
                  {
                    key: "usage",
                    label: t("console.company.tabs.usage"),
                    children: data.usage.length ? (
                      <UsageList usage={data.usage} />
                    ) : (
                      <Typography.Text type="secondary">{t("console.usage.none")}</Typography.Text>
                    ),
                  },
                  {
                    key: "invoices",
                    label: t("console.company.tabs.invoices", { count: data.invoices_count }),
                    children: <CompanyInvoices detail={data} />,
                  },
                  {
                    key: "backups",
                    label: <span data-testid="company-tab-backups">{t("console.company.tabs.backups")}</span>,
                    children: <CompanyBackups companyId={data.company.id} status={data.company.status} />,
                  },
                  {
                    key: "audit",
                    label: <span data-testid="company-tab-audit">{t("console.company.tabs.audit")}</span>,
                    children: <CompanyAudit companyId={data.company.id} />,
                  },
                ]}
              />
            </Card>
          </Space>
        )}
      </QueryView>
    </Space>
  );
}

export { CompanyPage as Component };
