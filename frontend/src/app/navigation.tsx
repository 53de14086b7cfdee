/** The workspace's side menu: every entry names the permission it needs (none: everyone). */
import {
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  FileSearchOutlined,
  HomeOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  AccountBookOutlined,
  ApartmentOutlined,
  CreditCardOutlined,
  DatabaseOutlined,
  InboxOutlined,
  ShoppingCartOutlined,
  ShoppingOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TransactionOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { can, type Permission, type PermissionSource } from "@/lib/access";

export interface NavItem {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  permission?: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: "home", path: "/", labelKey: "nav.home", icon: <HomeOutlined /> },
  { key: "marketplace", path: "/marketplace", labelKey: "nav.marketplace", icon: <ShopOutlined /> },
  { key: "rfqs", path: "/rfqs", labelKey: "nav.rfqs", icon: <FileSearchOutlined />, permission: "rfq.create" },
  { key: "rfq-inbox", path: "/rfq-inbox", labelKey: "nav.rfqInbox", icon: <InboxOutlined />, permission: "rfq.quote" },
  {
    key: "catalog",
    path: "/catalog",
    labelKey: "nav.catalog",
    icon: <AppstoreOutlined />,
    permission: "catalog.manage",
  },
  {
    key: "supplier-profile",
    path: "/supplier/profile",
    labelKey: "nav.supplierProfile",
    icon: <SolutionOutlined />,
    permission: "catalog.manage",
  },
  {
    key: "purchase-orders",
    path: "/purchase-orders",
    labelKey: "nav.purchaseOrders",
    icon: <ShoppingCartOutlined />,
    permission: "po.create",
  },
  {
    key: "approvals",
    path: "/approvals",
    labelKey: "nav.approvals",
    icon: <CheckSquareOutlined />,
    permission: "po.approve",
  },
  {
    // Finance enters the rate table here (approvers and rule keepers reach it from the approvals page).
    key: "exchange-rates",
    path: "/approvals/settings",
    labelKey: "nav.exchangeRates",
    icon: <TransactionOutlined />,
    permission: "finance.post",
  },
  {
    key: "sales-orders",
    path: "/sales-orders",
    labelKey: "nav.salesOrders",
    icon: <ShoppingOutlined />,
    permission: "so.manage",
  },
  {
    key: "customers",
    path: "/customers",
    labelKey: "nav.customers",
    icon: <ContactsOutlined />,
    permission: "so.manage",
  },
  {
    key: "inventory",
    path: "/inventory",
    labelKey: "nav.inventory",
    icon: <DatabaseOutlined />,
    permission: "stock.view",
  },
  {
    key: "supplychain",
    path: "/supply-chain",
    labelKey: "nav.supplyChain",
    icon: <ApartmentOutlined />,
    permission: "supplychain.view",
  },
  {
    key: "finance",
    path: "/finance",
    labelKey: "nav.finance",
    icon: <AccountBookOutlined />,
    permission: "finance.view",
  },
  {
    key: "company",
    path: "/settings/company",
    labelKey: "nav.company",
    icon: <SettingOutlined />,
    permission: "settings.manage",
  },
  {
    key: "members",
    path: "/settings/members",
    labelKey: "nav.members",
    icon: <TeamOutlined />,
    permission: "members.manage",
  },
  {
    key: "api-keys",
    path: "/settings/api-keys",
    labelKey: "nav.apiKeys",
    icon: <ApiOutlined />,
    permission: "apikeys.manage",
  },
  {
    key: "audit",
    path: "/settings/audit",
    labelKey: "nav.audit",
    icon: <AuditOutlined />,
    permission: "audit.view",
  },
  {
    key: "billing",
    path: "/billing",
    labelKey: "nav.billing",
    icon: <CreditCardOutlined />,
    permission: "billing.manage",
  },
  { key: "profile", path: "/profile", labelKey: "nav.profile", icon: <UserOutlined /> },
];

export function visibleNavItems(source: PermissionSource): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(source, item.permission));
}

/** The menu entry that a path belongs to (longest matching prefix). */
export function selectedNavKey(pathname: string): string | undefined {
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS) {
    const matches =
      item.path === "/" ? pathname === "/" : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
