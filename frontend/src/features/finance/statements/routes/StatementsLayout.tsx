/** /finance/statements/*: the statements' own navigation above the page. */
import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { STATEMENT_PAGES } from "../pages";

export function Component() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = STATEMENT_PAGES.find((p) => pathname.endsWith(`/statements/${p.path}`))?.path;
  return (
    <div data-testid="finance-statements">
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`/finance/statements/${key}`)}
        items={STATEMENT_PAGES.map((p) => ({ key: p.path, label: t(p.labelKey) }))}
      />
      <Outlet />
    </div>
  );
}
