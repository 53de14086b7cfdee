import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useAccess } from "@/lib/access";
import { FINANCE_SECTIONS } from "../routes";
import type { FinanceOutletContext, FinanceSection } from "../sections";

/** The section of /finance a path belongs to (longest matching prefix). */
export function financeSectionKey(
  pathname: string,
  sections: readonly FinanceSection[] = FINANCE_SECTIONS,
): string | undefined {
  const rest = pathname.replace(/^\/finance\/?/, "").replace(/\/$/, "");
  let best: { key: string; length: number } | undefined;
  for (const section of sections) {
    const matches = section.path === "" ? rest === "" : rest === section.path || rest.startsWith(`${section.path}/`);
    if (matches && (!best || section.path.length >= best.length))
      best = { key: section.key, length: section.path.length };
  }
  return best?.key;
}

/**
 * `/finance/*`: the finance menu (the sections the member may open) above the section's page. The pages get
 * the visible sections as the outlet context (the finance home shows a card for each).
 */
export function Component() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { pathname } = useLocation();
  const selected = financeSectionKey(pathname);
  const permitted = FINANCE_SECTIONS.filter((section) => !section.permission || can(section.permission));
  const context: FinanceOutletContext = { sections: permitted };
  const items = permitted.map((section) => ({
    key: section.key,
    label: (
      <Link to={section.path ? `/finance/${section.path}` : "/finance"} data-testid={`finance-menu-${section.key}`}>
        {t(section.labelKey)}
      </Link>
    ),
  }));
  return (
    <div data-testid="finance-shell">
      <Menu mode="horizontal" selectedKeys={selected ? [selected] : []} items={items} style={{ marginBottom: 16 }} />
      <Outlet context={context} />
    </div>
  );
}
