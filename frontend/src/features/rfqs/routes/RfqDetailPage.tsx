import { ClockCircleOutlined, EditOutlined, SendOutlined, StopOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  App,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { categoryName } from "@/lib/categories";
import { formatDate, formatDateTime, formatQuantity, formatUnitPrice, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useComparison } from "../api/comparison";
import { useCloseRfq } from "../api/lifecycle";
import { useRfq } from "../api/rfq";
import type { Rfq, RfqLine } from "../api/rfqs";
import { AttachmentsCard } from "../components/AttachmentsCard";
import { BuyerQuotes } from "../components/BuyerQuotes";
import { ComparisonMatrix } from "../components/ComparisonMatrix";
import { CancelModal, ExtendModal } from "../components/LifecycleModals";
import { PublishModal } from "../components/PublishModal";
import { RfqStatusTag, SealedTag } from "../components/RfqStatusTag";
import { SuppliersPanel } from "../components/SuppliersPanel";

type TabKey = "details" | "suppliers" | "comparison" | "quotes";

function StatusBanner({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  switch (rfq.status) {
    case "draft":
      return <Alert type="info" showIcon message={t("rfqs.banner.draft")} data-testid="rfq-banner" />;
    case "open":
      return (
        <Alert
          type="success"
          showIcon
          data-testid="rfq-banner"
          message={t("rfqs.banner.open", { time: formatDateTime(rfq.closing_at, language) })}
          description={rfq.sealed ? t("rfqs.banner.openSealed") : undefined}
        />
      );
    case "closed":
      return (
        <Alert
          type="warning"
          showIcon
          data-testid="rfq-banner"
          message={t("rfqs.banner.closed", { time: formatDateTime(rfq.closed_at, language), n: rfq.quote_count })}
        />
      );
    case "awarded":
      return (
        <Alert
          type="success"
          showIcon
          data-testid="rfq-banner"
          message={t("rfqs.banner.awarded", { time: formatDateTime(rfq.awarded_at, language) })}
        />
      );
    case "cancelled":
      return (
        <Alert
          type="error"
          showIcon
          data-testid="rfq-banner"
          message={t("rfqs.banner.cancelled", { time: formatDateTime(rfq.cancelled_at, language) })}
          description={t("rfqs.banner.cancelReason", { reason: rfq.cancel_reason })}
        />
      );
    default:
      return null;
  }
}

function LinesTable({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Table<RfqLine>
      data-testid="rfq-lines-table"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rfq.lines}
      scroll={{ x: true }}
      columns={[
        { key: "pos", title: "#", dataIndex: "position", width: 48 },
        {
          key: "item",
          title: t("rfqs.lines.description"),
          render: (_, line) => (
            <Space direction="vertical" size={0}>
              <Typography.Text>{line.description || "—"}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {categoryName(line.category, language)}
                {line.listing_id ? (
                  <>
                    {" · "}
                    <Link to={`/marketplace/listings/${line.listing_id}`}>{t("rfqs.lines.linkedListing")}</Link>
                  </>
                ) : null}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: "qty",
          title: t("rfqs.lines.quantity"),
          align: "right",
          render: (_, line) => `${formatQuantity(line.quantity, language)} ${line.unit}`,
        },
        {
          key: "target",
          title: t("rfqs.lines.targetPrice"),
          align: "right",
          render: (_, line) => (line.target_price ? formatUnitPrice(line.target_price, rfq.currency, language) : "—"),
        },
        { key: "quality", title: t("rfqs.lines.qualityStandard"), render: (_, line) => line.quality_standard || "—" },
        {
          key: "certs",
          title: t("rfqs.lines.requiredCertifications"),
          render: (_, line) =>
            line.required_certifications.length > 0
              ? line.required_certifications.map((c) => <Tag key={c}>{c}</Tag>)
              : "—",
        },
      ]}
    />
  );
}

function Details({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="rfq-details">
        <Descriptions.Item label={t("rfqs.fields.reference")}>{rfq.reference || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.currency")}>{rfq.currency}</Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.deliveryDate")}>
          {formatDate(rfq.delivery_date, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.deliveryRegion")}>
          {rfq.delivery_region ? regionName(rfq.delivery_region, language) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.paymentTerms")}>{rfq.payment_terms || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.closingAt")}>
          {formatDateTime(rfq.closing_at, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.visibility")}>
          {t(`rfqs.visibility.${rfq.visibility}`, { defaultValue: rfq.visibility })}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.sealed")}>
          {rfq.sealed ? t("common.yes") : t("common.no")}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.screening.title")}>
          {t("rfqs.screening.summary", {
            price: rfq.weight_price,
            reputation: rfq.weight_reputation,
            lead: rfq.weight_lead_time,
            verified: rfq.weight_verified,
            top: rfq.top_n,
          })}
        </Descriptions.Item>
        {rfq.published_at ? (
          <Descriptions.Item label={t("rfqs.fields.publishedAt")}>
            {formatDateTime(rfq.published_at, language)}
          </Descriptions.Item>
        ) : null}
        {rfq.description ? (
          <Descriptions.Item label={t("rfqs.fields.description")} span={3}>
            <span style={{ whiteSpace: "pre-wrap" }}>{rfq.description}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Card size="small" title={t("rfqs.sections.lines")}>
        <LinesTable rfq={rfq} />
      </Card>
      {rfq.awards.length > 0 ? (
        <Card size="small" title={t("rfqs.award.awards")}>
          <Table
            data-testid="rfq-awards"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rfq.awards}
            columns={[
              { key: "line", title: t("rfqs.comparison.line"), render: (_, a) => `#${a.line_position}` },
              { key: "supplier", title: t("rfqs.matching.supplier"), dataIndex: "supplier_name" },
              { key: "reason", title: t("rfqs.award.reason"), dataIndex: "reason" },
              { key: "at", title: t("rfqs.award.at"), render: (_, a) => formatDateTime(a.created_at, language) },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title={t("rfqs.attachments.title")}>
        <AttachmentsCard rfq={rfq} canEdit={can("rfq.create")} />
      </Card>
    </Space>
  );
}

function ComparisonTab({ rfq }: { rfq: Rfq }) {
  const { t } = useTranslation();
  const visible = rfq.quotes_visible;
  const comparison = useComparison(rfq.id, visible);
  if (!visible) {
    return (
      <EmptyState
        description={
          <span data-testid="comparison-sealed">{t("rfqs.comparison.sealedUntilClosing", { n: rfq.quote_count })}</span>
        }
      />
    );
  }
  return (
    <QueryView
      query={comparison}
      isEmpty={(data) => data.suppliers.length === 0}
      empty={<EmptyState description={t("rfqs.comparison.noQuotes")} />}
    >
      {(data) => (
        <Space direction="vertical" style={{ width: "100%" }}>
          {rfq.status === "open" ? (
            <Alert type="info" showIcon message={t("rfqs.comparison.awardAfterClosing")} />
          ) : null}
          <ComparisonMatrix rfq={rfq} comparison={data} />
        </Space>
      )}
    </QueryView>
  );
}

function RfqView({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<"publish" | "extend" | "cancel" | null>(null);
  const close = useCloseRfq();
  const canPublish = can("rfq.publish");
  const canAward = can("rfq.award");
  const tab = (params.get("tab") as TabKey | null) ?? (rfq.status === "closed" && canAward ? "comparison" : "details");
  const setTab = (key: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set("tab", key);
        return next;
      },
      { replace: true },
    );

  const cancellable =
    (canPublish && ["draft", "open"].includes(rfq.status)) ||
    (canPublish && rfq.status === "closed" && rfq.awards.length === 0);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="rfq-page" data-rfq-id={rfq.id}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
        <div>
          <Space wrap>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="rfq-title-heading">
              {rfq.title}
            </Typography.Title>
            <RfqStatusTag status={rfq.status} />
            <SealedTag sealed={rfq.sealed} />
          </Space>
          {rfq.reference ? <Typography.Text type="secondary">{rfq.reference}</Typography.Text> : null}
        </div>
        <Space wrap>
          {rfq.status === "draft" && can("rfq.create") ? (
            <Link to={`/rfqs/${rfq.id}/edit`}>
              <Button icon={<EditOutlined />} data-testid="rfq-edit">
                {t("actions.edit")}
              </Button>
            </Link>
          ) : null}
          {rfq.status === "draft" && canPublish ? (
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => setDialog("publish")}
              data-testid="rfq-publish"
            >
              {t("rfqs.publish.button")}
            </Button>
          ) : null}
          {rfq.status === "open" && canPublish ? (
            <>
              <Button icon={<ClockCircleOutlined />} onClick={() => setDialog("extend")} data-testid="rfq-extend">
                {t("rfqs.extend.button")}
              </Button>
              <Popconfirm
                title={t("rfqs.closeNow.confirm")}
                description={rfq.sealed ? t("rfqs.closeNow.sealed") : undefined}
                okText={t("rfqs.closeNow.button")}
                cancelText={t("actions.cancel")}
                onConfirm={() =>
                  close
                    .mutateAsync(rfq.id)
                    .then(() => {
                      void message.success(t("rfqs.closeNow.done"));
                      setTab("comparison");
                    })
                    .catch((error: unknown) => void message.error(problemMessage(t, error)))
                }
                okButtonProps={{ "data-testid": "rfq-close-confirm" } as Record<string, string>}
              >
                <Button loading={close.isPending} data-testid="rfq-close">
                  {t("rfqs.closeNow.button")}
                </Button>
              </Popconfirm>
            </>
          ) : null}
          {cancellable ? (
            <Button danger icon={<StopOutlined />} onClick={() => setDialog("cancel")} data-testid="rfq-cancel">
              {t("rfqs.cancel.button")}
            </Button>
          ) : null}
        </Space>
      </Space>
      <StatusBanner rfq={rfq} />
      {rfq.status !== "draft" ? (
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic
              title={t("rfqs.stats.quotes")}
              value={rfq.quote_count}
              valueStyle={{ fontSize: 22 }}
              data-testid="rfq-quote-count"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("rfqs.stats.invited")} value={rfq.invited_count} valueStyle={{ fontSize: 22 }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("rfqs.stats.matched")} value={rfq.matched_count} valueStyle={{ fontSize: 22 }} />
          </Col>
          <Col xs={12} md={6}>
            {rfq.status === "open" && rfq.closing_at ? (
              <Statistic.Timer
                type="countdown"
                title={t("rfqs.stats.closesIn")}
                value={new Date(rfq.closing_at).getTime()}
                format={language === "zh-CN" ? "D 天 H 时 m 分 s 秒" : "D[d] H[h] m[m] s[s]"}
                valueStyle={{ fontSize: 22 }}
              />
            ) : (
              <Statistic
                title={t("rfqs.fields.closingAt")}
                value={formatDateTime(rfq.closed_at ?? rfq.closing_at, language)}
                valueStyle={{ fontSize: 16 }}
              />
            )}
          </Col>
        </Row>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: "details",
            label: <span data-testid="tab-details">{t("rfqs.tabs.details")}</span>,
            children: <Details rfq={rfq} />,
          },
          {
            key: "suppliers",
            label: <span data-testid="tab-suppliers">{t("rfqs.tabs.suppliers")}</span>,
            children: <SuppliersPanel rfq={rfq} />,
          },
          ...(canAward && rfq.status !== "draft"
            ? [
                {
                  key: "comparison",
                  label: <span data-testid="tab-comparison">{t("rfqs.tabs.comparison")}</span>,
                  children: <ComparisonTab rfq={rfq} />,
                },
                ...(rfq.quotes_visible
                  ? [
                      {
                        key: "quotes",
                        label: <span data-testid="tab-quotes">{t("rfqs.tabs.quotes")}</span>,
                        children: <BuyerQuotes rfq={rfq} />,
                      },
                    ]
                  : []),
              ]
            : []),
        ]}
      />
      <PublishModal
        rfq={rfq}
        open={dialog === "publish"}
        onClose={() => setDialog(null)}
        onPublished={() => setTab("suppliers")}
      />
      <ExtendModal rfq={rfq} open={dialog === "extend"} onClose={() => setDialog(null)} />
      <CancelModal rfq={rfq} open={dialog === "cancel"} onClose={() => setDialog(null)} />
    </Space>
  );
}

export function RfqDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().rfqId);
  const rfq = useRfq(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/rfqs">← {t("rfqs.backToList")}</Link>
      <QueryView query={rfq} loadingRows={10}>
        {(data) => <RfqView rfq={data} />}
      </QueryView>
    </Space>
  );
}

export { RfqDetailPage as Component };
