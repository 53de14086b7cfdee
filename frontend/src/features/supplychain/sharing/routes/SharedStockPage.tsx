import { Card, Input, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { formatDateTime, formatQuantity, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { SHARED_STOCK_REFRESH_MS, useSharedStock, type SharedStockRow } from "../api/received";

/** `/supply-chain/sharing/stock`: the stock partners share, refreshed every few seconds; rows below their
 * reorder point stand out. `?grant=<id>` narrows to one grant. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [searchParams] = useSearchParams();
  const grantId = Number(searchParams.get("grant") ?? "") || undefined;
  const [search, setSearch] = useState("");
  const [below, setBelow] = useState(false);
  const [params, setParams] = usePageParams();
  const stock = useSharedStock({
    ...params,
    ...(grantId ? { grant_id: grantId } : {}),
    ...(search ? { search } : {}),
    ...(below ? { below_reorder_point: true } : {}),
  });
  return (
    <Card
      title={t("supplyChain.sharing.stock.title")}
      data-testid="sharing-stock-page"
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t("supplyChain.sharing.stock.search")}
            onSearch={(value) => {
              setSearch(value.trim());
              setParams({ ...params, page: 1 });
            }}
            data-testid="shared-stock-search"
            style={{ width: 220 }}
          />
          <Space size={4}>
            <Switch
              checked={below}
              onChange={(value) => {
                setBelow(value);
                setParams({ ...params, page: 1 });
              }}
              data-testid="shared-stock-below"
            />
            {t("supplyChain.sharing.stock.belowOnly")}
          </Space>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t("supplyChain.sharing.stock.intro", { seconds: SHARED_STOCK_REFRESH_MS / 1000 })}
      </Typography.Paragraph>
      <QueryView
        query={stock}
        isEmpty={(page) => page.count === 0}
        empty={<EmptyState description={t("supplyChain.sharing.stock.empty")} />}
      >
        {(page) => (
          <Table<SharedStockRow>
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            rowClassName={(row) => (row.below_reorder_point ? "shared-stock-below" : "")}
            onRow={(row) => ({
              "data-testid": `shared-stock-row-${row.id}`,
              style: row.below_reorder_point ? { background: "#fff1f0" } : undefined,
            })}
            columns={[
              { title: t("supplyChain.sharing.owner"), dataIndex: ["owner", "name"] },
              { title: t("supplyChain.sharing.stock.sku"), dataIndex: "sku" },
              {
                title: t("supplyChain.sharing.stock.name"),
                key: "name",
                render: (_, row) => localized(row.name_en, row.name_zh, language),
              },
              {
                title: t("supplyChain.sharing.stock.warehouse"),
                key: "warehouse",
                render: (_, row) => row.warehouse_name || row.warehouse_code,
              },
              {
                title: t("supplyChain.sharing.stock.onHand"),
                dataIndex: "on_hand",
                align: "right",
                render: (v: string, row) => `${formatQuantity(v, language)} ${row.unit}`,
              },
              {
                title: t("supplyChain.sharing.stock.available"),
                dataIndex: "available",
                align: "right",
                render: (v: string, row) => (
                  <Space size={4}>
                    {formatQuantity(v, language)}
                    {row.below_reorder_point && (
                      <Tag color="red" data-testid={`shared-stock-below-${row.id}`}>
                        {t("supplyChain.sharing.stock.below")}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              {
                title: t("supplyChain.sharing.stock.reorderPoint"),
                dataIndex: "reorder_point",
                align: "right",
                render: (v: string | null) => (v === null ? "—" : formatQuantity(v, language)),
              },
              {
                title: t("supplyChain.sharing.stock.perDay"),
                dataIndex: "consumption_per_day",
                align: "right",
                render: (v: string | null) => (v === null ? "—" : formatQuantity(v, language)),
              },
              {
                title: t("supplyChain.sharing.stock.asOf"),
                dataIndex: "as_of",
                render: (v: string) => formatDateTime(v, language),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
