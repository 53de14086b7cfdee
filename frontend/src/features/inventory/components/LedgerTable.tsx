import { Button, Space, Table, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { tablePagination } from "@/components/pagination";
import type { PageParams } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { LedgerEntry, LedgerPage } from "../api/ledger";
import { ItemCell } from "./ItemName";
import { LedgerKindTag } from "./LedgerKindTag";
import { quantityText, signedQuantity, unitLabel } from "./Quantity";

/** The change an entry made: on-hand and reserved deltas, each with its sign. */
function Change({ entry }: { entry: LedgerEntry }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const unit = unitLabel(t, entry.item.unit);
  const onHand = signedQuantity(language, entry.on_hand_delta);
  const reserved = signedQuantity(language, entry.reserved_delta);
  return (
    <Space direction="vertical" size={0} style={{ whiteSpace: "nowrap" }}>
      {onHand ? (
        <Typography.Text type={onHand.startsWith("+") ? "success" : "danger"} data-testid="ledger-on-hand-delta">
          {t("inventory.ledger.onHandDelta", { value: `${onHand} ${unit}` })}
        </Typography.Text>
      ) : null}
      {reserved ? (
        <Typography.Text type="secondary" data-testid="ledger-reserved-delta">
          {t("inventory.ledger.reservedDelta", { value: `${reserved} ${unit}` })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * Ledger entries, newest first. The reference (a purchase or sales order, a receipt, a shipment)
 * filters the ledger to every entry with the same reference when `onReference` is given.
 */
export function LedgerTable({
  page,
  params,
  onPage,
  loading,
  showItem = true,
  onReference,
}: {
  page: LedgerPage;
  params: PageParams;
  onPage: (params: PageParams) => void;
  loading?: boolean;
  showItem?: boolean;
  onReference?: (reference: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Table<LedgerEntry>
      data-testid="ledger-table"
      rowKey="id"
      size="middle"
      dataSource={page.results}
      loading={loading}
      pagination={tablePagination(page.count, params, onPage)}
      scroll={{ x: true }}
      onRow={(entry) => ({ "data-testid": `ledger-row-${entry.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: "when",
          title: t("inventory.fields.when"),
          render: (_, entry) => (
            <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(entry.created_at, language)}</span>
          ),
        },
        { key: "kind", title: t("inventory.fields.kind"), render: (_, entry) => <LedgerKindTag kind={entry.kind} /> },
        ...(showItem
          ? [
              {
                key: "item",
                title: t("inventory.fields.item"),
                render: (_: unknown, e: LedgerEntry) => <ItemCell item={e.item} />,
              },
            ]
          : []),
        {
          key: "warehouse",
          title: t("inventory.fields.warehouse"),
          render: (_, entry) => <Tooltip title={entry.warehouse.name}>{entry.warehouse.code}</Tooltip>,
        },
        { key: "change", title: t("inventory.fields.change"), render: (_, entry) => <Change entry={entry} /> },
        {
          key: "after",
          title: t("inventory.fields.after"),
          render: (_, entry) => (
            <Space direction="vertical" size={0} style={{ whiteSpace: "nowrap" }}>
              <span>
                {t("inventory.ledger.onHandAfter", {
                  value: quantityText(t, language, entry.on_hand_after, entry.item.unit),
                })}
              </span>
              {Number(entry.reserved_after) !== 0 || Number(entry.reserved_delta) !== 0 ? (
                <Typography.Text type="secondary">
                  {t("inventory.ledger.reservedAfter", {
                    value: quantityText(t, language, entry.reserved_after, entry.item.unit),
                  })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          key: "reference",
          title: t("inventory.fields.reference"),
          render: (_, entry) =>
            entry.reference ? (
              onReference ? (
                <Tooltip title={t("inventory.ledger.filterByReference")}>
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "start" }}
                    onClick={() => onReference(entry.reference)}
                    data-testid={`ledger-reference-${entry.id}`}
                  >
                    {entry.reference}
                  </Button>
                </Tooltip>
              ) : (
                <span data-testid={`ledger-reference-${entry.id}`}>{entry.reference}</span>
              )
            ) : (
              "—"
            ),
        },
        {
          key: "reason",
          title: t("inventory.fields.reason"),
          render: (_, entry) =>
            entry.reason ? (
              <Typography.Text
                data-testid={`ledger-reason-${entry.id}`}
                style={{ maxWidth: 260 }}
                ellipsis={{ tooltip: entry.reason }}
              >
                {entry.reason}
              </Typography.Text>
            ) : (
              "—"
            ),
        },
        {
          key: "actor",
          title: t("inventory.fields.actor"),
          render: (_, entry) =>
            entry.actor || <Typography.Text type="secondary">{t("inventory.ledger.system")}</Typography.Text>,
        },
      ]}
    />
  );
}
