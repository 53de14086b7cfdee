/** `/finance/cost/items`: the moving-average cost of each item per warehouse; a row opens its cost ledger. */
import { Drawer, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { FIRST_PAGE } from "@/lib/api";
import { tablePagination, usePageParams } from "@/components/pagination";
import { formatDateTime, formatMoney, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useFunctionalCurrency } from "../api/currency";
import { useCostMovements, useItemCosts, type CostMovement, type ItemCost } from "../api/itemCosts";
import { movementKindLabel } from "../components/labels";

function Movements({ row, currency }: { row: ItemCost; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams(FIRST_PAGE);
  const movements = useCostMovements({ item_id: row.item_id, warehouse_id: row.warehouse_id, ...params });
  const money = (value: string) => formatMoney(value, currency, language);
  return (
    <QueryView query={movements}>
      {(page) => (
        <Table<CostMovement>
          data-testid="cost-movements"
          rowKey="id"
          size="small"
          dataSource={page.results}
          pagination={tablePagination(page.count, params, setParams)}
          columns={[
            {
              title: t("financeCost.items.when"),
              dataIndex: "occurred_at",
              render: (value: string) => formatDateTime(value, language),
            },
            {
              title: t("financeCost.items.kind"),
              dataIndex: "kind",
              render: (kind: string) => movementKindLabel(t, kind),
            },
            { title: t("financeCost.items.reference"), dataIndex: "reference" },
            {
              title: t("financeCost.items.quantity"),
              dataIndex: "quantity",
              align: "right",
              render: (value: string) => formatQuantity(value, language),
            },
            {
              title: t("financeCost.items.unitCost"),
              dataIndex: "unit_cost",
              align: "right",
              render: (value: string) => formatUnitPrice(value, currency, language),
            },
            { title: t("financeCost.items.value"), dataIndex: "value", align: "right", render: money },
            { title: t("financeCost.items.valueAfter"), dataIndex: "value_after", align: "right", render: money },
          ]}
        />
      )}
    </QueryView>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const currency = useFunctionalCurrency();
  const [search, setSearch] = useState("");
  const [params, setParams] = usePageParams();
  const [open, setOpen] = useState<ItemCost | null>(null);
  const costs = useItemCosts({ search: search || undefined, ...params });
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="item-costs-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("financeCost.items.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("financeCost.items.intro")}</Typography.Paragraph>
      <Input.Search
        allowClear
        style={{ maxWidth: 320 }}
        placeholder={t("financeCost.items.search")}
        aria-label={t("financeCost.items.search")}
        onSearch={(value) => {
          setSearch(value.trim());
          setParams({ ...params, page: 1 });
        }}
      />
      <QueryView query={costs}>
        {(page) => (
          <Table<ItemCost>
            data-testid="item-costs-table"
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            locale={{ emptyText: t("financeCost.items.empty") }}
            onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: "pointer" } })}
            columns={[
              { title: t("financeCost.items.sku"), dataIndex: "sku" },
              { title: t("financeCost.items.name"), dataIndex: "name" },
              { title: t("financeCost.items.warehouse"), dataIndex: "warehouse_code" },
              {
                title: t("financeCost.items.onHand"),
                dataIndex: "quantity",
                align: "right",
                render: (value: string, row) => `${formatQuantity(value, language)} ${row.unit}`,
              },
              {
                title: t("financeCost.items.average"),
                dataIndex: "average",
                align: "right",
                render: (value: string) => formatUnitPrice(value, currency, language),
              },
              {
                title: t("financeCost.items.value"),
                dataIndex: "value",
                align: "right",
                render: (value: string) => formatMoney(value, currency, language),
              },
            ]}
          />
        )}
      </QueryView>
      <Drawer
        open={open !== null}
        width={900}
        title={open ? t("financeCost.items.movementsTitle", { sku: open.sku, warehouse: open.warehouse_code }) : ""}
        onClose={() => setOpen(null)}
        destroyOnClose
      >
        {open ? <Movements row={open} currency={currency} /> : null}
      </Drawer>
    </Space>
  );
}
