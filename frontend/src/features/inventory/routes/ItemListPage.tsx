import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Input, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { categoryPath, useCategoryTree } from "@/lib/categories";
import { currentLanguage } from "@/lib/i18n";
import { useItems, type Item } from "../api/items";
import { InventoryHeader } from "../components/InventoryHeader";
import { ItemCell } from "../components/ItemName";
import { ItemFormModal } from "../components/ItemFormModal";
import { BelowReorderTag, ItemStatusTag } from "../components/ItemStatusTag";
import { ListingLink } from "../components/ListingLink";
import { Quantity, unitLabel } from "../components/Quantity";
import { useFilteredPage } from "../components/useFilteredPage";

const STATUS_FILTERS = ["active", "inactive", "all"] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/** `/inventory/items`: the company's stock items (search by SKU or names, active or not), created and edited by inventory.manage. */
export function ItemListPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const mayManage = can("inventory.manage");
  const navigate = useNavigate();
  const tree = useCategoryTree();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get("q") ?? "";
  const statusParam = searchParams.get("status");
  const status: StatusFilter = STATUS_FILTERS.includes(statusParam as StatusFilter)
    ? (statusParam as StatusFilter)
    : "active";
  const [params, setParams] = useFilteredPage(`${q}|${status}`);
  const [editing, setEditing] = useState<Item | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const setFilter = (name: string, value: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const items = useItems({
    ...params,
    search: q || undefined,
    ...(status === "all" ? {} : { active: status === "active" }),
  });

  const openForm = (item: Item | null) => {
    setEditing(item);
    setFormOpen(true);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="item-list-page">
      <InventoryHeader
        intro={t("inventory.items.intro")}
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="item-new">
              {t("inventory.items.new")}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }} size="middle">
          <Input.Search
            key={q}
            allowClear
            defaultValue={q}
            onChange={(event) => {
              if (event.target.value === "" && q !== "") setFilter("q", null);
            }}
            onSearch={(value) => setFilter("q", value.trim() || null)}
            placeholder={t("inventory.items.searchPlaceholder")}
            style={{ width: 300 }}
            data-testid="item-search"
          />
          <Segmented
            value={status}
            onChange={(value) => setFilter("status", value === "active" ? null : value)}
            options={STATUS_FILTERS.map((value) => ({
              value,
              label: t(`inventory.items.filter.${value}`),
            }))}
            data-testid="item-status-filter"
          />
        </Space>
        <QueryView
          query={items}
          isEmpty={(data) => data.count === 0}
          empty={
            <EmptyState
              description={q || status !== "active" ? t("inventory.items.emptyFiltered") : t("inventory.items.empty")}
              action={
                mayManage && !q ? (
                  <Button type="primary" onClick={() => openForm(null)}>
                    {t("inventory.items.new")}
                  </Button>
                ) : null
              }
            />
          }
        >
          {(data) => (
            <Table<Item>
              data-testid="item-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              loading={items.isFetching && items.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(item) => ({ "data-testid": `item-row-${item.sku}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "item", title: t("inventory.fields.item"), render: (_, item) => <ItemCell item={item} /> },
                {
                  key: "other",
                  title: language === "zh-CN" ? t("inventory.fields.nameEn") : t("inventory.fields.nameZh"),
                  render: (_, item) => (language === "zh-CN" ? item.name_en : item.name_zh) || "—",
                },
                { key: "unit", title: t("inventory.fields.unit"), render: (_, item) => unitLabel(t, item.unit) },
                {
                  key: "category",
                  title: t("inventory.fields.category"),
                  render: (_, item) =>
                    item.category_code ? (
                      <Typography.Text style={{ maxWidth: 220 }} ellipsis={{ tooltip: true }}>
                        {categoryPath(tree.data ?? [], item.category_code, language)}
                      </Typography.Text>
                    ) : (
                      "—"
                    ),
                },
                {
                  key: "on_hand",
                  title: t("inventory.fields.onHand"),
                  align: "right",
                  render: (_, item) => <Quantity value={item.on_hand} unit={item.unit} />,
                },
                {
                  key: "available",
                  title: t("inventory.fields.available"),
                  align: "right",
                  render: (_, item) => (
                    <Quantity
                      value={item.available}
                      unit={item.unit}
                      tone={item.below_reorder_point || Number(item.available) <= 0 ? "danger" : "strong"}
                    />
                  ),
                },
                {
                  key: "reorder_point",
                  title: t("inventory.fields.reorderPoint"),
                  align: "right",
                  render: (_, item) => <Quantity value={item.reorder_point} unit={item.unit} tone="secondary" />,
                },
                {
                  key: "listing",
                  title: t("inventory.fields.listing"),
                  render: (_, item) => <ListingLink listingId={item.listing_id} />,
                },
                {
                  key: "status",
                  title: t("inventory.fields.status"),
                  render: (_, item) => (
                    <Space size={0} wrap>
                      <ItemStatusTag active={item.is_active} testId={`item-status-${item.sku}`} />
                      {item.below_reorder_point ? <BelowReorderTag testId={`item-below-${item.sku}`} /> : null}
                    </Space>
                  ),
                },
                ...(mayManage
                  ? [
                      {
                        key: "actions",
                        title: t("inventory.fields.actions"),
                        render: (_: unknown, item: Item) => (
                          <Button size="small" onClick={() => openForm(item)} data-testid={`item-edit-${item.sku}`}>
                            {t("actions.edit")}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </QueryView>
      </Card>
      {mayManage ? (
        <ItemFormModal
          open={formOpen}
          item={editing}
          onClose={() => setFormOpen(false)}
          onSaved={(saved) => {
            if (!editing) void navigate(`/inventory/items/${saved.id}`);
          }}
        />
      ) : null}
    </Space>
  );
}

export { ItemListPage as Component };
