import { Alert, App, Button, Card, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "@/components/FormAlert";
import { currentLanguage } from "@/lib/i18n";
import { formatDateTime, formatQuantity } from "@/lib/format";
import type { OwnListing } from "../api/listings";
import { useLinkStock, useStockItemHits, useUnlinkStock } from "../api/stockLink";

/**
 * Where the listing's stock figure comes from: an inventory item (kept current as stock moves) or the
 * supplier's own word. Linking and unlinking need both catalog.manage and inventory.manage.
 */
export function StockSourceCard({ listing, canEdit }: { listing: OwnListing; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [search, setSearch] = useState("");
  const [itemId, setItemId] = useState<number | null>(null);
  const hits = useStockItemHits(search);
  const link = useLinkStock();
  const unlink = useUnlinkStock();
  const [problem, setProblem] = useState<unknown>(null);
  const report = (error: unknown) => setProblem(error);
  const clear = () => setProblem(null);
  const unit = t(`units.${listing.unit}`, { defaultValue: listing.unit });
  const linked = listing.stock_source === "inventory";
  const linkedItem = hits.data?.find((item) => item.id === listing.stock_item_id);
  const itemName = (item: { name_zh: string; name_en: string }) =>
    language === "zh-CN" ? item.name_zh || item.name_en : item.name_en || item.name_zh;

  const onLink = async () => {
    if (itemId === null) return;
    clear();
    try {
      await link.mutateAsync({ listingId: listing.id, itemId });
      void message.success(t("catalog.stockLink.linkedDone"));
    } catch (error) {
      report(error);
    }
  };
  const onUnlink = async () => {
    clear();
    try {
      await unlink.mutateAsync(listing.id);
      void message.success(t("catalog.stockLink.unlinkedDone"));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Card size="small" title={t("catalog.stockLink.title")} data-testid="listing-stock-source">
      <Space direction="vertical" style={{ width: "100%" }}>
        <FormAlert state={problem ? { error: problem, messages: [] } : null} />
        {linked ? (
          <Alert
            type="info"
            showIcon
            message={t("catalog.stockLink.linked", {
              sku: linkedItem?.sku ?? `#${listing.stock_item_id ?? ""}`,
              name: linkedItem ? itemName(linkedItem) : "",
              quantity: formatQuantity(listing.stock_quantity, language),
              unit,
              time: formatDateTime(listing.stock_updated_at, language),
            })}
          />
        ) : (
          <Typography.Text type="secondary">{t("catalog.stockLink.declared")}</Typography.Text>
        )}
        {canEdit ? (
          <Space wrap>
            <Select<number>
              showSearch
              allowClear
              filterOption={false}
              onSearch={setSearch}
              value={itemId ?? undefined}
              onChange={(value) => setItemId(value ?? null)}
              placeholder={t("catalog.stockLink.itemPlaceholder")}
              aria-label={t("catalog.stockLink.item")}
              loading={hits.isFetching}
              style={{ minWidth: 280 }}
              data-testid="stock-item-select"
              options={(hits.data ?? []).map((item) => ({
                value: item.id,
                label: `${item.sku} · ${itemName(item)}`,
              }))}
            />
            <Button
              type="primary"
              disabled={itemId === null}
              loading={link.isPending}
              onClick={() => void onLink()}
              data-testid="stock-link"
            >
              {t("catalog.stockLink.link")}
            </Button>
            {linked ? (
              <Button loading={unlink.isPending} onClick={() => void onUnlink()} data-testid="stock-unlink">
                {t("catalog.stockLink.unlink")}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
