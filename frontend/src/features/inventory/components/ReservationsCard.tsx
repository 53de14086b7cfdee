import { Card, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useReservations, type Reservation } from "../api/reservations";
import { Quantity } from "./Quantity";

/** Stock of the item held for sales order lines (open reservations only); hidden when there are none. */
export function ReservationsCard({ itemId }: { itemId: number }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const reservations = useReservations({ item_id: itemId, open: true, page: 1, page_size: 50 });
  const rows = reservations.data?.results ?? [];
  if (rows.length === 0) return null;
  return (
    <Card title={t("inventory.reservations.title")} data-testid="reservations-card">
      <Table<Reservation>
        data-testid="reservations-table"
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { key: "reference", title: t("inventory.fields.reference"), render: (_, r) => r.reference || "—" },
          { key: "warehouse", title: t("inventory.fields.warehouse"), render: (_, r) => r.warehouse.code },
          {
            key: "quantity",
            title: t("inventory.reservations.quantity"),
            align: "right",
            render: (_, r) => <Quantity value={r.quantity} unit={r.item.unit} />,
          },
          {
            key: "open",
            title: t("inventory.reservations.open"),
            align: "right",
            render: (_, r) => <Quantity value={r.open_quantity} unit={r.item.unit} tone="strong" />,
          },
          {
            key: "status",
            title: t("inventory.fields.status"),
            render: (_, r) => (
              <Tag color={r.status === "open" ? "purple" : "default"}>
                {r.status === "open"
                  ? t("inventory.reservations.statusOpen")
                  : t("inventory.reservations.statusClosed")}
              </Tag>
            ),
          },
          {
            key: "created",
            title: t("inventory.fields.when"),
            render: (_, r) => formatDateTime(r.created_at, language),
          },
        ]}
      />
      {reservations.data && reservations.data.count > rows.length ? (
        <div style={{ marginTop: 8 }}>
          {t("inventory.reservations.more", { count: reservations.data.count - rows.length })}
        </div>
      ) : null}
    </Card>
  );
}
