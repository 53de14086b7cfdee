import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";

export interface ItemRef {
  id: number;
  sku: string;
  name_zh: string;
  name_en: string;
  unit: string;
}

/** An item's name in the UI language (the other one when only that is filled). */
export function useItemName() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (item: Pick<ItemRef, "name_en" | "name_zh" | "sku">) =>
    localized(item.name_en, item.name_zh, language) || item.sku;
}

/** SKU as a link to the item's page, its name below. */
export function ItemCell({ item, link = true }: { item: ItemRef; link?: boolean }) {
  const name = useItemName()(item);
  return (
    <Space direction="vertical" size={0}>
      {link ? (
        <Link to={`/inventory/items/${item.id}`} data-testid={`item-link-${item.sku}`}>
          {item.sku}
        </Link>
      ) : (
        <Typography.Text strong>{item.sku}</Typography.Text>
      )}
      {name !== item.sku ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {name}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
