import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useAccess } from "@/lib/access";
import { SUPPLY_CHAIN_SECTIONS } from "../routes";
import type { SupplyChainOutletContext, SupplyChainSection } from "../sections";

/** The section of /supply-chain a path belongs to (longest matching prefix). */
export function supplyChainSectionKey(
  pathname: string,
  sections: readonly SupplyChainSection[] = SUPPLY_CHAIN_SECTIONS,
): string | undefined {
  const rest = pathname.replace(/^\/supply-chain\/?/, "").replace(/\/$/, "");
  let best: { key: string; length: number } | undefined;
  for (const section of sections) {
    const matches = section.path === "" ? rest === "" : rest === section.path || rest.startsWith(`${section.path}/`);
    if (matches && (!best || section.path.length >= best.length))
      best = { key: section.key, length: section.path.length };
  }
  return best?.key;
}

/** `/supply-chain/*`: the supply-chain menu (the sections the member may open) above the section's page. */
export function Component() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { pathname } = useLocation();
  const selected = supplyChainSectionKey(pathname);
  const permitted = SUPPLY_CHAIN_SECTIONS.filter((section) => !section.permission || can(section.permission));
  const context: SupplyChainOutletContext = { sections: permitted };
  const items = [
    {
      key: "home",
      label: (
        <Link to="/supply-chain" data-testid="supplychain-menu-home">
          {t("supplyChain.home.menu")}
        </Link>
      ),
    },
    ...permitted.map((section) => ({
      key: section.key,
      label: (
        <Link to={`/supply-chain/${section.path}`} data-testid={`supplychain-menu-${section.key}`}>
          {t(section.labelKey)}
        </Link>
      ),
    })),
  ];
  return (
    <div data-testid="supplychain-shell">
      <Menu
        mode="horizontal"
        selectedKeys={[selected ?? (pathname.replace(/\/$/, "") === "/supply-chain" ? "home" : "")]}
        items={items}
        style={{ marginBottom: 16 }}
      />
      <Outlet context={context} />
    </div>
  );
}
