import { SafetyCertificateFilled } from "@ant-design/icons";
import { Button, Card, Input, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDate, formatDateTime, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import {
  useSuppliers,
  useVerifySupplier,
  type Certification,
  type OperatorSupplier,
  type SupplierFilters,
} from "../api/suppliers";
import { ReasonDialog } from "../components/ReasonDialog";

const CERT_COLORS: Record<string, string> = { valid: "green", expiring: "orange", expired: "red" };

function Certifications({ supplier }: { supplier: OperatorSupplier }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  if (supplier.certifications.length === 0) {
    return <Typography.Text type="secondary">{t("certifications.empty")}</Typography.Text>;
  }
  return (
    <Table<Certification>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={supplier.certifications}
      data-testid={`supplier-certifications-${supplier.company_slug}`}
      columns={[
        { key: "type", title: t("certifications.fields.type"), dataIndex: "type" },
        { key: "number", title: t("certifications.fields.number"), dataIndex: "number" },
        { key: "issuer", title: t("certifications.fields.issuer"), dataIndex: "issuer" },
        {
          key: "valid_until",
          title: t("certifications.fields.valid_until"),
          render: (_, c) => formatDate(c.valid_until, language),
        },
        {
          key: "status",
          title: t("certifications.fields.status"),
          render: (_, c) => <Tag color={CERT_COLORS[c.status]}>{t(`certifications.status.${c.status}`)}</Tag>,
        },
        {
          key: "document",
          title: t("certifications.fields.document"),
          render: (_, c) => (c.has_document ? c.document_name : t("certifications.noDocument")),
        },
      ]}
    />
  );
}

/** Suppliers to review: their certifications, and the verified badge to grant or withdraw (audited). */
export function SuppliersPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [filters, setFilters] = useState<SupplierFilters>({ verified: "false" });
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 20 });
  const suppliers = useSuppliers(filters, params);
  const verify = useVerifySupplier();
  const [acting, setActing] = useState<{ supplier: OperatorSupplier; verified: boolean } | null>(null);

  const update = (next: Partial<SupplierFilters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setParams((current) => ({ ...current, page: 1 }));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="suppliers-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("console.suppliers.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("console.suppliers.intro")}</Typography.Text>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            data-testid="suppliers-filter"
            value={filters.verified ?? "all"}
            onChange={(value) => update({ verified: value === "all" ? undefined : (value as "true" | "false") })}
            options={[
              { value: "false", label: t("console.suppliers.toReview") },
              { value: "true", label: t("console.suppliers.verified") },
              { value: "all", label: t("console.suppliers.all") },
            ]}
          />
          <Input.Search
            allowClear
            data-testid="suppliers-search"
            placeholder={t("console.fleet.searchPlaceholder")}
            style={{ width: 260 }}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
        </Space>
        <QueryView
          query={suppliers}
          isEmpty={(data) => data.count === 0}
          empty={<EmptyState description={t("console.suppliers.empty")} />}
        >
          {(data) => (
            <Table<OperatorSupplier>
              data-testid="suppliers-table"
              rowKey="id"
              size="middle"
              scroll={{ x: true }}
              dataSource={data.results}
              loading={suppliers.isFetching && suppliers.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              expandable={{ expandedRowRender: (s) => <Certifications supplier={s} />, defaultExpandAllRows: true }}
              columns={[
                {
                  key: "name",
                  title: t("console.fleet.columns.company"),
                  render: (_, s) => (
                    <Space direction="vertical" size={0}>
                      <span>
                        {localized(s.display_name_en, s.display_name_zh, language) || s.company_name}{" "}
                        {s.verified ? <SafetyCertificateFilled style={{ color: "#52c41a" }} /> : null}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.company_name} · {s.company_slug}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  key: "role",
                  title: t("console.suppliers.role"),
                  render: (_, s) => t(`console.suppliers.roles.${s.role}`, { defaultValue: s.role }),
                },
                {
                  key: "certs",
                  title: t("certifications.title"),
                  render: (_, s) => s.certifications.length,
                },
                {
                  key: "verified",
                  title: t("console.suppliers.badge"),
                  render: (_, s) =>
                    s.verified ? (
                      <Space direction="vertical" size={0}>
                        <Tag color="green">{t("console.suppliers.verified")}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(s.verified_at, language)}
                        </Typography.Text>
                      </Space>
                    ) : (
                      <Tag>{t("console.suppliers.unverified")}</Tag>
                    ),
                },
                { key: "note", title: t("console.suppliers.note"), render: (_, s) => s.verification_note || "—" },
                {
                  key: "action",
                  title: "",
                  render: (_, s) =>
                    s.verified ? (
                      <Button
                        danger
                        size="small"
                        data-testid={`supplier-revoke-${s.company_slug}`}
                        onClick={() => setActing({ supplier: s, verified: false })}
                      >
                        {t("console.suppliers.revoke")}
                      </Button>
                    ) : (
                      <Button
                        type="primary"
                        size="small"
                        data-testid={`supplier-grant-${s.company_slug}`}
                        onClick={() => setActing({ supplier: s, verified: true })}
                      >
                        {t("console.suppliers.grant")}
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      <ReasonDialog<object>
        open={acting !== null}
        testId="verify-dialog"
        danger={acting?.verified === false}
        title={
          acting?.verified
            ? t("console.suppliers.grantTitle", { name: acting.supplier.company_name })
            : t("console.suppliers.revokeTitle", { name: acting?.supplier.company_name ?? "" })
        }
        confirmLabel={acting?.verified ? t("console.suppliers.grant") : t("console.suppliers.revoke")}
        pending={verify.isPending}
        onSubmit={async ({ reason }) => {
          if (!acting) return;
          await verify.mutateAsync({
            supplierId: acting.supplier.id,
            body: { verified: acting.verified, note: reason.slice(0, 500) },
          });
        }}
        onClose={() => setActing(null)}
      />
    </Space>
  );
}

export { SuppliersPage as Component };
