import { DownOutlined, ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Dropdown, Input, Popconfirm, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { categoryName } from "@/lib/categories";
import { formatDateTime, formatQuantity, formatUnitPrice, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { exportCatalog, type ExportFormat } from "../api/exportCatalog";
import { useArchiveListing } from "../api/listing";
import { useOwnListings, type ListingQuery, type OwnListing } from "../api/listings";
import { StatusTag } from "../components/StatusTag";

export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const canEdit = can("catalog.manage");
  const [params, setParams] = usePageParams();
  const [filters, setFilters] = useState<Pick<ListingQuery, "q" | "status" | "category">>({});
  const listings = useOwnListings({ ...filters, ...params });
  const archive = useArchiveListing();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  const filter = (changes: Partial<typeof filters>) => {
    setFilters((current) => ({ ...current, ...changes }));
    setParams((current) => ({ ...current, page: 1 }));
  };

  const onExport = async (format: ExportFormat) => {
    setExporting(format);
    try {
      await exportCatalog(format);
    } catch (error) {
      void message.error(problemMessage(t, error));
    } finally {
      setExporting(null);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="catalog-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("catalog.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("catalog.intro")}</Typography.Text>
        </div>
        <Space wrap>
          <Dropdown
            trigger={["click"]}
            menu={{
              items: (["csv", "xlsx"] as const).map((format) => ({
                key: format,
                label: <span data-testid={`catalog-export-${format}`}>{t(`catalog.export.${format}`)}</span>,
                onClick: () => void onExport(format),
              })),
            }}
          >
            <Button loading={exporting !== null} data-testid="catalog-export">
              {t("catalog.export.button")} <DownOutlined />
            </Button>
          </Dropdown>
          {canEdit ? (
            <>
              <Link to="/catalog/import">
                <Button icon={<ImportOutlined />} data-testid="catalog-import">
                  {t("catalog.import.button")}
                </Button>
              </Link>
              <Link to="/catalog/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="catalog-new">
                  {t("catalog.newListing")}
                </Button>
              </Link>
            </>
          ) : null}
        </Space>
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} data-testid="catalog-filters">
          <Input.Search
            allowClear
            placeholder={t("catalog.searchPlaceholder")}
            style={{ width: 280 }}
            onSearch={(value) => filter({ q: value.trim() || undefined })}
            data-testid="catalog-search"
          />
          <div style={{ width: 260 }}>
            <CategoryTreeSelect
              value={filters.category}
              onChange={(value) => filter({ category: (value as string | undefined) || undefined })}
              placeholder={t("catalog.fields.category")}
            />
          </div>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t("catalog.fields.status")}
            value={filters.status}
            onChange={(value) => filter({ status: value })}
            data-testid="catalog-status-filter"
            options={(["draft", "active", "archived"] as const).map((s) => ({
              value: s,
              label: t(`catalog.status.${s}`),
            }))}
          />
        </Space>
        <QueryView
          query={listings}
          isEmpty={(data) => data.count === 0}
          empty={
            <EmptyState
              description={
                filters.q || filters.status || filters.category ? t("catalog.noMatches") : t("catalog.empty")
              }
              action={
                canEdit ? (
                  <Link to="/catalog/import">
                    <Button type="primary">{t("catalog.import.button")}</Button>
                  </Link>
                ) : undefined
              }
            />
          }
        >
          {(data) => (
            <Table<OwnListing>
              data-testid="catalog-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              loading={listings.isFetching && listings.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(l) => ({ "data-testid": `catalog-row-${l.sku}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "sku",
                  title: t("catalog.fields.sku"),
                  render: (_, l) => <Link to={`/catalog/listings/${l.id}`}>{l.sku}</Link>,
                },
                {
                  key: "name",
                  title: t("catalog.fields.name"),
                  render: (_, l) => localized(l.name_en, l.name_zh, language),
                },
                {
                  key: "category",
                  title: t("catalog.fields.category"),
                  render: (_, l) => categoryName(l.category, language),
                },
                {
                  key: "price",
                  title: t("catalog.fields.basePrice"),
                  align: "right",
                  render: (_, l) => formatUnitPrice(l.base_price, l.currency, language),
                },
                {
                  key: "moq",
                  title: t("catalog.fields.moq"),
                  align: "right",
                  render: (_, l) =>
                    `${formatQuantity(l.moq, language)} ${t(`units.${l.unit}`, { defaultValue: l.unit })}`,
                },
                {
                  key: "lead",
                  title: t("catalog.fields.leadTime"),
                  align: "right",
                  render: (_, l) => t("marketplace.days_n", { days: l.lead_time_days }),
                },
                {
                  key: "availability",
                  title: t("catalog.fields.availability"),
                  render: (_, l) =>
                    l.availability === "in_stock"
                      ? `${t("marketplace.availability.in_stock")} · ${formatQuantity(l.stock_quantity, language)} · ${t(
                          `marketplace.stockSource.${l.stock_source}`,
                        )}`
                      : t("marketplace.availability.made_to_order"),
                },
                { key: "status", title: t("catalog.fields.status"), render: (_, l) => <StatusTag status={l.status} /> },
                {
                  key: "updated",
                  title: t("catalog.fields.updated"),
                  render: (_, l) => formatDateTime(l.updated_at, language),
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, l) =>
                    canEdit && l.status !== "archived" ? (
                      <Space size={4}>
                        <Link to={`/catalog/listings/${l.id}`}>
                          <Button size="small" data-testid={`catalog-edit-${l.sku}`}>
                            {t("actions.edit")}
                          </Button>
                        </Link>
                        <Popconfirm
                          title={t("catalog.archiveConfirm", { sku: l.sku })}
                          description={t("catalog.archiveHelp")}
                          okText={t("catalog.archive")}
                          cancelText={t("actions.cancel")}
                          onConfirm={() =>
                            archive
                              .mutateAsync(l.id)
                              .then(() => void message.success(t("catalog.archived", { sku: l.sku })))
                              .catch((error: unknown) => void message.error(problemMessage(t, error)))
                          }
                        >
                          <Button size="small" danger data-testid={`catalog-archive-${l.sku}`}>
                            {t("catalog.archive")}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { CatalogPage as Component };
