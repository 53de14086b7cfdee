import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useAccess } from "@/lib/access";
import { FINANCE_SECTIONS } from "../routes";

/** The section of /finance a path belongs to (longest matching prefix). */
export function financeSectionKey(pathname: string): string | undefined {
  const rest = pathname.replace(/^\/finance\/?/, "");
  let best: { key: string; length: number } | undefined;
  for (const section of FINANCE_SECTIONS) {
    const matches = section.path === "" ? rest === "" : rest === section.path || rest.startsWith(`${section.path}/`);
    if (matches && (!best || section.path.length >= best.length))
      best = { key: section.key, length: section.path.length };
  }
  return best?.key;
}

/** `/finance/*`: the finance menu (the sections the member may open) above the section's page. */
export function Component() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { pathname } = useLocation();
  const selected = financeSectionKey(pathname);
  const items = FINANCE_SECTIONS.filter((section) => !section.permission || can(section.permission)).map((section) => ({
    key: section.key,
    label: <Link to={section.path ? `/finance/${section.path}` : "/finance"}>{t(section.labelKey)}</Link>,
  }));
  return (
    <div data-testid="finance-shell">
      <Menu mode="horizontal" selectedKeys={selected ? [selected] : []} items={items} style={{ marginBottom: 16 }} />
      <Outlet />
    </div>
  );
}
