import { Space, Tabs, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";

const SECTIONS = [
  { key: "stock", path: "/inventory" },
  { key: "items", path: "/inventory/items" },
  { key: "warehouses", path: "/inventory/warehouses" },
  { key: "ledger", path: "/inventory/ledger" },
] as const;

type Section = (typeof SECTIONS)[number]["key"];

function sectionOf(pathname: string): Section {
  if (pathname.startsWith("/inventory/items")) return "items";
  if (pathname.startsWith("/inventory/warehouses")) return "warehouses";
  if (pathname.startsWith("/inventory/ledger")) return "ledger";
  return "stock";
}

/** The inventory area's title, its sections as tabs (stock, items, warehouses, ledger) and the page's actions. */
export function InventoryHeader({ title, intro, extra }: { title?: ReactNode; intro?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = sectionOf(pathname);
  const labels: Record<Section, string> = {
    stock: t("inventory.tabs.stock"),
    items: t("inventory.tabs.items"),
    warehouses: t("inventory.tabs.warehouses"),
    ledger: t("inventory.tabs.ledger"),
  };
  return (
    <div>
      <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {title ?? t("inventory.title")}
          </Typography.Title>
          {intro ? <Typography.Text type="secondary">{intro}</Typography.Text> : null}
        </div>
        {extra ? <Space wrap>{extra}</Space> : null}
      </Space>
      <Tabs
        data-testid="inventory-tabs"
        style={{ marginTop: 8, marginBottom: -16 }}
        activeKey={active}
        onChange={(key) => {
          const section = SECTIONS.find((s) => s.key === key);
          if (section) void navigate(section.path);
        }}
        items={SECTIONS.map((s) => ({
          key: s.key,
          label: <span data-testid={`inventory-tab-${s.key}`}>{labels[s.key]}</span>,
        }))}
      />
    </div>
  );
}
