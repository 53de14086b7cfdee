import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useUpdateWarehouse } from "../api/warehouse";
import { useWarehouses, type Warehouse } from "../api/warehouses";
import { InventoryHeader } from "../components/InventoryHeader";
import { ItemStatusTag } from "../components/ItemStatusTag";
import { WarehouseFormModal } from "../components/WarehouseFormModal";

/** `/inventory/warehouses`: the company's warehouses; inventory.manage creates, renames, (de)activates and picks the default. */
export function WarehousesPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const mayManage = can("inventory.manage");
  const [params, setParams] = usePageParams({ page: 1, page_size: 50 });
  const warehouses = useWarehouses(params);
  const update = useUpdateWarehouse();
  const [editing, setEditing] = useState<Warehouse | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const openForm = (warehouse: Warehouse | null) => {
    setEditing(warehouse);
    setFormOpen(true);
  };

  const change = async (warehouse: Warehouse, body: { is_active?: boolean; is_default?: boolean }, done: string) => {
    try {
      await update.mutateAsync({ id: warehouse.id, body });
      void message.success(done);
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="warehouses-page">
      <InventoryHeader
        intro={t("inventory.warehouses.intro")}
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="warehouse-new">
              {t("inventory.warehouses.new")}
            </Button>
          ) : null
        }
      />
      <Card>
        <QueryView
          query={warehouses}
          isEmpty={(data) => data.count === 0}
          empty={
            <EmptyState
              description={t("inventory.warehouses.empty")}
              action={
                mayManage ? (
                  <Button type="primary" onClick={() => openForm(null)}>
                    {t("inventory.warehouses.new")}
                  </Button>
                ) : null
              }
            />
          }
        >
          {(data) => (
            <Table<Warehouse>
              data-testid="warehouse-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(w) => ({ "data-testid": `warehouse-row-${w.code}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "code",
                  title: t("inventory.fields.warehouseCode"),
                  render: (_, w) => (
                    <Space size={4}>
                      <Typography.Text strong>{w.code}</Typography.Text>
                      {w.is_default ? (
                        <Tag color="blue" data-testid={`warehouse-default-tag-${w.code}`}>
                          {t("inventory.warehouses.default")}
                        </Tag>
                      ) : null}
                    </Space>
                  ),
                },
                { key: "name", title: t("inventory.fields.warehouseName"), dataIndex: "name" },
                {
                  key: "address",
                  title: t("inventory.fields.address"),
                  render: (_, w) => w.address || <Typography.Text type="secondary">—</Typography.Text>,
                },
                {
                  key: "status",
                  title: t("inventory.fields.status"),
                  render: (_, w) => <ItemStatusTag active={w.is_active} testId={`warehouse-status-${w.code}`} />,
                },
                {
                  key: "created",
                  title: t("inventory.fields.created"),
                  render: (_, w) => formatDate(w.created_at, language),
                },
                {
                  key: "stock",
                  title: t("inventory.warehouses.stock"),
                  render: (_, w) => (
                    <Space size="middle">
                      <Link to={`/inventory?warehouse=${w.id}`} data-testid={`warehouse-stock-${w.code}`}>
                        {t("inventory.warehouses.viewStock")}
                      </Link>
                      <Link to={`/inventory/ledger?warehouse=${w.id}`} data-testid={`warehouse-ledger-${w.code}`}>
                        {t("inventory.warehouses.viewLedger")}
                      </Link>
                    </Space>
                  ),
                },
                ...(mayManage
                  ? [
                      {
                        key: "actions",
                        title: t("inventory.fields.actions"),
                        render: (_: unknown, w: Warehouse) => (
                          <Space size="small" wrap>
                            <Button size="small" onClick={() => openForm(w)} data-testid={`warehouse-edit-${w.code}`}>
                              {t("actions.edit")}
                            </Button>
                            {!w.is_default && w.is_active ? (
                              <Button
                                size="small"
                                onClick={() =>
                                  void change(
                                    w,
                                    { is_default: true },
                                    t("inventory.warehouses.madeDefault", { code: w.code }),
                                  )
                                }
                                data-testid={`warehouse-make-default-${w.code}`}
                              >
                                {t("inventory.warehouses.makeDefault")}
                              </Button>
                            ) : null}
                            {w.is_active ? (
                              w.is_default ? null : (
                                <Popconfirm
                                  title={t("inventory.warehouses.deactivateTitle", { code: w.code })}
                                  description={t("inventory.warehouses.deactivateBody")}
                                  okText={t("inventory.warehouses.deactivate")}
                                  cancelText={t("actions.cancel")}
                                  okButtonProps={{
                                    danger: true,
                                    ...({ "data-testid": `warehouse-deactivate-confirm-${w.code}` } as Record<
                                      string,
                                      string
                                    >),
                                  }}
                                  onConfirm={() =>
                                    change(
                                      w,
                                      { is_active: false },
                                      t("inventory.warehouses.deactivated", { code: w.code }),
                                    )
                                  }
                                >
                                  <Button size="small" danger data-testid={`warehouse-deactivate-${w.code}`}>
                                    {t("inventory.warehouses.deactivate")}
                                  </Button>
                                </Popconfirm>
                              )
                            ) : (
                              <Button
                                size="small"
                                onClick={() =>
                                  void change(
                                    w,
                                    { is_active: true },
                                    t("inventory.warehouses.activated", { code: w.code }),
                                  )
                                }
                                data-testid={`warehouse-activate-${w.code}`}
                              >
                                {t("inventory.warehouses.activate")}
                              </Button>
                            )}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </QueryView>
      </Card>
      {mayManage ? <WarehouseFormModal open={formOpen} warehouse={editing} onClose={() => setFormOpen(false)} /> : null}
    </Space>
  );
}

export { WarehousesPage as Component };
