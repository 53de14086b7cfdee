import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { NotFound } from "@/components/StatusPages";
import { useAccess } from "@/lib/access";
import { FIRST_PAGE } from "@/lib/api";
import { categoryPath, useCategoryTree } from "@/lib/categories";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage, toProblem } from "@/lib/problem";
import { useDeleteItem, useItem } from "../api/item";
import type { Item } from "../api/items";
import { useLedger } from "../api/ledger";
import { useStockLevels } from "../api/stockLevels";
import { InventoryHeader } from "../components/InventoryHeader";
import { ItemFormModal } from "../components/ItemFormModal";
import { useItemName } from "../components/ItemName";
import { BelowReorderTag, ItemStatusTag } from "../components/ItemStatusTag";
import { LedgerFilters, ledgerQuery, NO_LEDGER_FILTERS, type LedgerFilterValues } from "../components/LedgerFilters";
import { LedgerTable } from "../components/LedgerTable";
import { ListingLink } from "../components/ListingLink";
import { MovementModal, type MovementStart } from "../components/MovementModal";
import { unitLabel } from "../components/Quantity";
import { ReorderCard } from "../components/ReorderCard";
import { ReservationsCard } from "../components/ReservationsCard";
import { MOVEMENT_KINDS, MOVEMENT_TEST_IDS } from "../components/StockActions";
import { StockLevelsTable } from "../components/StockLevelsTable";

function StockByWarehouse({ item, onMove }: { item: Item; onMove?: (start: MovementStart) => void }) {
  const { t } = useTranslation();
  const [params, setParams] = usePageParams({ page: 1, page_size: 50 });
  const levels = useStockLevels({ ...params, item_id: item.id });
  return (
    <Card title={t("inventory.itemDetail.byWarehouse")} data-testid="item-stock-card">
      <QueryView
        query={levels}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("inventory.itemDetail.noStock")} />}
      >
        {(data) => (
          <StockLevelsTable
            levels={data.results}
            showItem={false}
            loading={levels.isFetching && levels.isPlaceholderData}
            pagination={tablePagination(data.count, params, setParams)}
            onMove={onMove ? (kind, level) => onMove({ kind, item, warehouseId: level.warehouse.id }) : undefined}
          />
        )}
      </QueryView>
    </Card>
  );
}

function ItemLedger({ item }: { item: Item }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<LedgerFilterValues>({ ...NO_LEDGER_FILTERS, item: item.id });
  const [params, setParams] = usePageParams();
  const ledger = useLedger({ ...params, ...ledgerQuery({ ...filters, item: item.id }) });
  const change = (next: LedgerFilterValues) => {
    setFilters(next);
    setParams(FIRST_PAGE);
  };
  return (
    <Card
      title={t("inventory.itemDetail.ledger")}
      data-testid="item-ledger-card"
      extra={
        <Link to={`/inventory/ledger?item=${item.id}`} data-testid="item-ledger-link">
          {t("inventory.itemDetail.openLedger")}
        </Link>
      }
    >
      <LedgerFilters value={filters} onChange={change} hideItem />
      <QueryView
        query={ledger}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("inventory.itemDetail.noMovements")} />}
      >
        {(data) => (
          <LedgerTable
            page={data}
            params={params}
            onPage={setParams}
            showItem={false}
            loading={ledger.isFetching && ledger.isPlaceholderData}
            onReference={(reference) => change({ ...filters, reference })}
          />
        )}
      </QueryView>
    </Card>
  );
}

function ItemView({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const mayManage = can("inventory.manage");
  const mayMove = can("stock.adjust") && item.is_active;
  const navigate = useNavigate();
  const tree = useCategoryTree();
  const name = useItemName()(item);
  const [formOpen, setFormOpen] = useState(false);
  const [movement, setMovement] = useState<MovementStart | null>(null);
  const remove = useDeleteItem();

  const onDelete = async () => {
    try {
      await remove.mutateAsync(item.id);
      void message.success(t("inventory.itemDetail.deleted", { sku: item.sku }));
      void navigate("/inventory/items", { replace: true });
    } catch (error) {
      const problem = toProblem(error);
      void message.error(problem.code === "item_in_use" ? t("inventory.itemDetail.inUse") : problemMessage(t, problem));
    }
  };

  const unit = unitLabel(t, item.unit);
  const figure = (value: string) => formatQuantity(value, language);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="item-page" data-item-id={item.id}>
      <InventoryHeader
        title={
          <Space wrap align="center">
            <span data-testid="item-title">
              {item.sku}
              {name !== item.sku ? ` · ${name}` : ""}
            </span>
            <ItemStatusTag active={item.is_active} testId="item-status" />
            {item.below_reorder_point ? <BelowReorderTag testId="item-below-reorder" /> : null}
          </Space>
        }
        intro={
          <Link to="/inventory/items" data-testid="item-back">
            <ArrowLeftOutlined /> {t("inventory.itemDetail.back")}
          </Link>
        }
        extra={
          <>
            {mayMove
              ? MOVEMENT_KINDS.map((kind) => (
                  <Button
                    key={kind}
                    data-testid={MOVEMENT_TEST_IDS[kind]}
                    onClick={() => setMovement({ kind, item, warehouseId: null })}
                  >
                    {t(`inventory.movement.action.${kind}`)}
                  </Button>
                ))
              : null}
            {mayManage ? (
              <Button icon={<EditOutlined />} onClick={() => setFormOpen(true)} data-testid="item-edit">
                {t("actions.edit")}
              </Button>
            ) : null}
            {mayManage ? (
              <Popconfirm
                title={t("inventory.itemDetail.deleteTitle", { sku: item.sku })}
                description={t("inventory.itemDetail.deleteBody")}
                okText={t("actions.delete")}
                cancelText={t("actions.cancel")}
                okButtonProps={{
                  danger: true,
                  ...({ "data-testid": "item-delete-confirm" } as Record<string, string>),
                }}
                onConfirm={() => onDelete()}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="item-delete">
                  {t("actions.delete")}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {!item.is_active ? (
        <Typography.Text type="secondary" data-testid="item-inactive-note">
          {t("inventory.itemDetail.inactiveNote")}
        </Typography.Text>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("inventory.itemDetail.details")} data-testid="item-details" style={{ height: "100%" }}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t("inventory.fields.sku")}>{item.sku}</Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.unit")}>{unit}</Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.nameZh")}>{item.name_zh || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.nameEn")}>{item.name_en || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.category")}>
                {item.category_code ? categoryPath(tree.data ?? [], item.category_code, language) : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.listing")}>
                <ListingLink listingId={item.listing_id} showName />
              </Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.created")}>
                {formatDateTime(item.created_at, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("inventory.fields.updated")}>
                {formatDateTime(item.updated_at, language)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title={t("inventory.itemDetail.totals")} data-testid="item-totals">
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic
                    title={t("inventory.fields.onHand")}
                    value={figure(item.on_hand)}
                    suffix={unit}
                    data-testid="item-on-hand"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t("inventory.fields.reserved")}
                    value={figure(item.reserved)}
                    suffix={unit}
                    data-testid="item-reserved"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t("inventory.fields.available")}
                    value={figure(item.available)}
                    suffix={unit}
                    valueStyle={
                      item.below_reorder_point || Number(item.available) <= 0 ? { color: "#cf1322" } : undefined
                    }
                    data-testid="item-available"
                  />
                </Col>
              </Row>
            </Card>
            <ReorderCard item={item} mayEdit={mayManage} />
          </Space>
        </Col>
      </Row>
      <StockByWarehouse item={item} onMove={mayMove ? setMovement : undefined} />
      <ReservationsCard itemId={item.id} />
      <ItemLedger item={item} />
      {mayManage ? <ItemFormModal open={formOpen} item={item} onClose={() => setFormOpen(false)} /> : null}
      {mayMove ? <MovementModal start={movement} onClose={() => setMovement(null)} /> : null}
    </Space>
  );
}

/** `/inventory/items/:itemId`: the item, its stock per warehouse, reorder point, open reservations and ledger. */
export function ItemDetailPage() {
  const { itemId } = useParams();
  const id = itemId && /^\d+$/.test(itemId) ? Number(itemId) : null;
  const item = useItem(id);
  if (id === null) return <NotFound />;
  return <QueryView query={item}>{(data) => <ItemView item={data} />}</QueryView>;
}

export { ItemDetailPage as Component };
