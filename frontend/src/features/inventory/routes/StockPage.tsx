import { Alert, Button, Card, Checkbox, Input, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, LoadingState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import type { MovementKind } from "../api/movements";
import { useReorderList } from "../api/reorderList";
import { useStockLevels } from "../api/stockLevels";
import { InventoryHeader } from "../components/InventoryHeader";
import { MovementModal, type MovementStart } from "../components/MovementModal";
import { DraftPurchaseOrderModal } from "../components/DraftPurchaseOrderModal";
import { ReorderTable } from "../components/ReorderTable";
import { MOVEMENT_KINDS, MOVEMENT_TEST_IDS } from "../components/StockActions";
import { StockLevelsTable } from "../components/StockLevelsTable";
import { useFilteredPage } from "../components/useFilteredPage";
import { WarehouseSelect } from "../components/WarehouseSelect";

function positiveInt(value: string | null): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * `/inventory`: stock per item and warehouse (filter by warehouse, search SKU and names, hide empty
 * rows), or the items below their reorder point; receipts, issues, adjustments and transfers for
 * members holding stock.adjust. The filters live in the address (`?warehouse=&q=&below=1&nonzero=1`).
 */
export function StockPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const mayMove = can("stock.adjust");
  const [searchParams, setSearchParams] = useSearchParams();
  const warehouse = positiveInt(searchParams.get("warehouse"));
  const q = searchParams.get("q") ?? "";
  const below = searchParams.get("below") === "1";
  const nonzero = searchParams.get("nonzero") === "1";
  const [params, setParams] = useFilteredPage(`${warehouse ?? ""}|${q}|${nonzero}`);
  const [movement, setMovement] = useState<MovementStart | null>(null);
  const mayOrder = can("po.create");
  const [picked, setPicked] = useState<number[]>([]);
  const [drafting, setDrafting] = useState(false);

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

  const levels = useStockLevels(
    {
      ...params,
      warehouse_id: warehouse ?? undefined,
      search: q || undefined,
      ...(nonzero ? { nonzero: true } : {}),
    },
    { enabled: !below },
  );
  const reorder = useReorderList();
  const term = q.trim().toLowerCase();
  const reorderRows = (reorder.data ?? []).filter(
    (row) =>
      !term ||
      row.item.sku.toLowerCase().includes(term) ||
      row.item.name_en.toLowerCase().includes(term) ||
      row.item.name_zh.toLowerCase().includes(term),
  );
  const belowCount = reorder.data?.length ?? 0;
  const filtered = warehouse !== null || q !== "" || nonzero;

  const startMovement = (kind: MovementKind, start: Omit<MovementStart, "kind"> = {}) =>
    setMovement({ kind, warehouseId: warehouse, ...start });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="stock-page">
      <InventoryHeader
        intro={t("inventory.stock.intro")}
        extra={
          mayMove
            ? MOVEMENT_KINDS.map((kind) => (
                <Button
                  key={kind}
                  type={kind === "receipt" ? "primary" : "default"}
                  data-testid={MOVEMENT_TEST_IDS[kind]}
                  onClick={() => startMovement(kind)}
                >
                  {t(`inventory.movement.action.${kind}`)}
                </Button>
              ))
            : null
        }
      />
      {!below && belowCount > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="reorder-alert"
          message={t("inventory.stock.belowAlert", { count: belowCount })}
          action={
            <Button size="small" onClick={() => setFilter("below", "1")} data-testid="reorder-alert-show">
              {t("inventory.stock.showBelow")}
            </Button>
          }
        />
      ) : null}
      <Card>
        <Space wrap style={{ marginBottom: 16 }} size="middle" data-testid="stock-filters">
          <WarehouseSelect
            value={warehouse}
            onChange={(value) => setFilter("warehouse", value === null ? null : String(value))}
            placeholder={t("inventory.stock.allWarehouses")}
            disabled={below}
            style={{ minWidth: 220 }}
            data-testid="stock-filter-warehouse"
          />
          <Input.Search
            key={q}
            allowClear
            defaultValue={q}
            onChange={(event) => {
              if (event.target.value === "" && q !== "") setFilter("q", null);
            }}
            onSearch={(value) => setFilter("q", value.trim() || null)}
            placeholder={t("inventory.stock.searchPlaceholder")}
            style={{ width: 280 }}
            data-testid="stock-search"
          />
          <Space size={6}>
            <Switch
              checked={below}
              onChange={(checked) => setFilter("below", checked ? "1" : null)}
              data-testid="stock-below-reorder"
            />
            <Typography.Text>
              {t("inventory.stock.belowToggle")}
              {belowCount > 0 ? ` (${belowCount})` : ""}
            </Typography.Text>
          </Space>
          {!below ? (
            <Checkbox
              checked={nonzero}
              onChange={(event) => setFilter("nonzero", event.target.checked ? "1" : null)}
              data-testid="stock-nonzero"
            >
              {t("inventory.stock.hideEmpty")}
            </Checkbox>
          ) : null}
        </Space>
        {below ? (
          <>
            <Typography.Paragraph type="secondary">{t("inventory.stock.belowHelp")}</Typography.Paragraph>
            {reorder.isPending ? (
              <LoadingState />
            ) : reorder.isError ? (
              <ErrorState error={reorder.error} onRetry={() => void reorder.refetch()} />
            ) : reorderRows.length === 0 ? (
              <EmptyState description={q ? t("inventory.stock.emptyFiltered") : t("inventory.stock.noneBelow")} />
            ) : (
              <>
                {mayOrder ? (
                  <Space style={{ marginBottom: 12 }}>
                    <Button
                      type="primary"
                      disabled={picked.length === 0}
                      onClick={() => setDrafting(true)}
                      data-testid="reorder-draft-po"
                    >
                      {t("inventory.reorderDraft.action", { count: picked.length })}
                    </Button>
                    <Typography.Text type="secondary">{t("inventory.reorderDraft.pickHint")}</Typography.Text>
                  </Space>
                ) : null}
                <ReorderTable
                  rows={reorderRows}
                  onReceive={mayMove ? (item) => startMovement("receipt", { item, warehouseId: null }) : undefined}
                  selected={picked}
                  onSelect={mayOrder ? setPicked : undefined}
                />
                {drafting ? (
                  <DraftPurchaseOrderModal
                    rows={reorderRows.filter((row) => picked.includes(row.item.id))}
                    onClose={() => setDrafting(false)}
                  />
                ) : null}
              </>
            )}
          </>
        ) : (
          <QueryView
            query={levels}
            isEmpty={(data) => data.count === 0}
            empty={
              <EmptyState
                description={filtered ? t("inventory.stock.emptyFiltered") : t("inventory.stock.empty")}
                action={
                  filtered ? null : (
                    <Link to="/inventory/items">
                      <Button>{t("inventory.stock.toItems")}</Button>
                    </Link>
                  )
                }
              />
            }
          >
            {(data) => (
              <StockLevelsTable
                levels={data.results}
                loading={levels.isFetching && levels.isPlaceholderData}
                pagination={tablePagination(data.count, params, setParams)}
                onMove={
                  mayMove
                    ? (kind, level) =>
                        startMovement(kind, {
                          item: level.item,
                          warehouseId: level.warehouse.id,
                        })
                    : undefined
                }
              />
            )}
          </QueryView>
        )}
      </Card>
      {mayMove ? <MovementModal start={movement} onClose={() => setMovement(null)} /> : null}
    </Space>
  );
}

export { StockPage as Component };
