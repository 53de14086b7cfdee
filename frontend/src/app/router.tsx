/**
 * Routes of the two shells. Every page is a lazy chunk; the public shell never downloads the
 * workspace, and a company host never downloads the landing page or sign-up.
 */
import type { ComponentType } from "react";
import { createBrowserRouter, createMemoryRouter, type RouteObject } from "react-router";
import { NotFound } from "@/components/StatusPages";
import { financeRoutes } from "@/features/finance/routes";
import { supplyChainRoutes } from "@/features/supplychain/routes";
import type { HostKind } from "@/lib/host";
import { loadCompanyDataMessages, loadConsoleMessages, loadFinanceMessages, loadSupplyChainMessages } from "@/lib/i18n";
import { PublicLayout, PublicPage } from "./layouts/PublicLayout";
import { RequireAuth, RequirePermission } from "./routes/guards";
import { RouteError, RouteLoading } from "./routes/RouteError";

function page(load: () => Promise<{ Component: ComponentType }>) {
  return async () => ({ Component: (await load()).Component });
}

/** The marketplace pages, the same on both hosts (anyone on the public host; members on a company's). */
const marketplaceRoutes: RouteObject[] = [
  { path: "marketplace", lazy: page(() => import("@/features/marketplace/routes/MarketplaceSearchPage")) },
  { path: "marketplace/listings/:listingId", lazy: page(() => import("@/features/marketplace/routes/ListingPage")) },
  {
    path: "marketplace/suppliers/:supplierId",
    lazy: page(() => import("@/features/marketplace/routes/SupplierPage")),
  },
];

const verifyEmailRoute: RouteObject = {
  path: "account/verify-email/:key",
  lazy: page(() => import("@/features/auth/routes/VerifyEmailPage")),
};

/** Password reset: ask for a link, and the page the link opens (both hosts; the e-mail links the public one). */
const passwordResetRoutes: RouteObject[] = [
  { path: "account/password/reset", lazy: page(() => import("@/features/auth/routes/RequestPasswordResetPage")) },
  { path: "account/password/reset/:key", lazy: page(() => import("@/features/auth/routes/ResetPasswordPage")) },
];

/** The operator console (public host): its sign-in, then every page behind the operator gate. */
const consoleRoutes: RouteObject[] = [
  {
    path: "/console/signin",
    lazy: page(async () => (await Promise.all([import("./routes/ConsoleSigninPage"), loadConsoleMessages()]))[0]),
    errorElement: <RouteError />,
    HydrateFallback: RouteLoading,
  },
  {
    path: "/console",
    // The console's messages are not in the first download: fetched with its shell.
    lazy: page(
      async () => (await Promise.all([import("@/features/console/routes/ConsoleShell"), loadConsoleMessages()]))[0],
    ),
    errorElement: <RouteError />,
    HydrateFallback: RouteLoading,
    children: [
      { index: true, lazy: page(() => import("@/features/console/routes/FleetPage")) },
      {
        path: "companies/:companyId",
        lazy: page(() => import("@/features/console/routes/CompanyPage")),
      },
      { path: "suppliers", lazy: page(() => import("@/features/console/routes/SuppliersPage")) },
      { path: "plans", lazy: page(() => import("@/features/console/routes/PlansPage")) },
      { path: "revenue", lazy: page(() => import("@/features/console/routes/RevenuePage")) },
      { path: "backups", lazy: page(() => import("@/features/console/routes/BackupsPage")) },
      { path: "audit", lazy: page(() => import("@/features/console/routes/PlatformAuditPage")) },
      { path: "*", Component: NotFound },
    ],
  },
];

export const publicRoutes: RouteObject[] = [
  ...consoleRoutes,
  {
    ...verifyEmailRoute,
    path: "/account/verify-email/:key",
    errorElement: <RouteError />,
    HydrateFallback: RouteLoading,
  },
  ...passwordResetRoutes.map((route) => ({
    ...route,
    path: `/${route.path ?? ""}`,
    errorElement: <RouteError />,
    HydrateFallback: RouteLoading,
  })),
  {
    path: "/",
    Component: PublicLayout,
    errorElement: <RouteError />,
    HydrateFallback: RouteLoading,
    children: [
      { index: true, lazy: page(() => import("./routes/LandingPage")) },
      { path: "signup", lazy: page(() => import("@/features/signup/routes/SignupPage")) },
      { path: "signin", lazy: page(() => import("@/features/auth/routes/PublicSigninPage")) },
      { Component: PublicPage, children: marketplaceRoutes },
      { path: "*", Component: NotFound },
    ],
  },
];

export const tenantRoutes: RouteObject[] = [
  {
    path: "/",
    errorElement: <RouteError />,
    HydrateFallback: RouteLoading,
    children: [
      { path: "signin", lazy: page(() => import("@/features/auth/routes/TenantSigninPage")) },
      { path: "invitation/:token", lazy: page(() => import("@/features/invitation/routes/InvitationPage")) },
      verifyEmailRoute,
      ...passwordResetRoutes,
      {
        element: <RequireAuth />,
        children: [
          {
            lazy: page(() => import("./layouts/WorkspaceLayout")),
            children: [
              { index: true, lazy: page(() => import("@/features/workspace/routes/HomePage")) },
              { path: "profile", lazy: page(() => import("@/features/profile/routes/ProfilePage")) },
              ...marketplaceRoutes,
              {
                path: "rfqs",
                element: <RequirePermission permission="rfq.create" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/rfqs/routes/RfqListPage")) },
                  { path: "new", lazy: page(() => import("@/features/rfqs/routes/RfqEditPage")) },
                  { path: ":rfqId", lazy: page(() => import("@/features/rfqs/routes/RfqDetailPage")) },
                  { path: ":rfqId/edit", lazy: page(() => import("@/features/rfqs/routes/RfqEditPage")) },
                ],
              },
              {
                path: "rfq-inbox",
                element: <RequirePermission permission="rfq.quote" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/rfqInbox/routes/RfqInboxPage")) },
                  { path: ":rfqId", lazy: page(() => import("@/features/rfqInbox/routes/InboxRfqPage")) },
                ],
              },
              {
                path: "catalog",
                element: <RequirePermission permission="catalog.manage" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/catalog/routes/CatalogPage")) },
                  { path: "new", lazy: page(() => import("@/features/catalog/routes/ListingEditPage")) },
                  {
                    path: "listings/:listingId",
                    lazy: page(() => import("@/features/catalog/routes/ListingEditPage")),
                  },
                  { path: "import", lazy: page(() => import("@/features/catalog/routes/CatalogImportPage")) },
                  { path: "import/:jobId", lazy: page(() => import("@/features/catalog/routes/CatalogImportPage")) },
                ],
              },
              {
                path: "supplier/profile",
                element: <RequirePermission permission="catalog.manage" />,
                children: [{ index: true, lazy: page(() => import("@/features/supplier/routes/SupplierProfilePage")) }],
              },
              {
                path: "purchase-orders",
                children: [
                  { index: true, lazy: page(() => import("@/features/procurement/routes/PurchaseOrderListPage")) },
                  {
                    path: "new",
                    element: <RequirePermission permission="po.create" />,
                    children: [
                      { index: true, lazy: page(() => import("@/features/procurement/routes/PurchaseOrderEditPage")) },
                    ],
                  },
                  {
                    path: ":orderId",
                    lazy: page(() => import("@/features/procurement/routes/PurchaseOrderDetailPage")),
                  },
                  {
                    path: ":orderId/edit",
                    element: <RequirePermission permission="po.create" />,
                    children: [
                      { index: true, lazy: page(() => import("@/features/procurement/routes/PurchaseOrderEditPage")) },
                    ],
                  },
                  {
                    path: ":orderId/receive",
                    element: <RequirePermission permission="po.receive" />,
                    children: [{ index: true, lazy: page(() => import("@/features/procurement/routes/ReceivePage")) }],
                  },
                ],
              },
              { path: "approvals", lazy: page(() => import("@/features/procurement/routes/ApprovalInboxPage")) },
              {
                path: "approvals/rules",
                element: <RequirePermission permission="approval.rules" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/procurement/routes/ApprovalRulesPage")) },
                ],
              },
              {
                path: "approvals/settings",
                lazy: page(() => import("@/features/procurement/routes/RatesSettingsPage")),
              },
              {
                path: "sales-orders",
                element: <RequirePermission permission="stock.view" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/sales/routes/SalesOrderListPage")) },
                  { path: "new", lazy: page(() => import("@/features/sales/routes/SalesOrderEditPage")) },
                  { path: ":orderId", lazy: page(() => import("@/features/sales/routes/SalesOrderDetailPage")) },
                  { path: ":orderId/edit", lazy: page(() => import("@/features/sales/routes/SalesOrderEditPage")) },
                ],
              },
              {
                path: "customers",
                element: <RequirePermission permission="stock.view" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/sales/routes/CustomerListPage")) },
                  { path: ":customerId", lazy: page(() => import("@/features/sales/routes/CustomerDetailPage")) },
                ],
              },
              {
                path: "inventory",
                element: <RequirePermission permission="stock.view" />,
                children: [
                  { index: true, lazy: page(() => import("@/features/inventory/routes/StockPage")) },
                  { path: "items", lazy: page(() => import("@/features/inventory/routes/ItemListPage")) },
                  { path: "items/:itemId", lazy: page(() => import("@/features/inventory/routes/ItemDetailPage")) },
                  { path: "warehouses", lazy: page(() => import("@/features/inventory/routes/WarehousesPage")) },
                  { path: "ledger", lazy: page(() => import("@/features/inventory/routes/LedgerPage")) },
                ],
              },
              {
                path: "settings/company",
                element: <RequirePermission permission="settings.manage" />,
                children: [
                  {
                    index: true,
                    lazy: page(
                      async () =>
                        (
                          await Promise.all([
                            import("@/features/settings/routes/CompanySettingsPage"),
                            loadCompanyDataMessages(),
                          ])
                        )[0],
                    ),
                  },
                ],
              },
              {
                path: "settings/members",
                element: <RequirePermission permission="members.manage" />,
                children: [{ index: true, lazy: page(() => import("@/features/settings/routes/MembersPage")) }],
              },
              {
                path: "settings/api-keys",
                element: <RequirePermission permission="apikeys.manage" />,
                children: [{ index: true, lazy: page(() => import("@/features/settings/routes/ApiKeysPage")) }],
              },
              {
                path: "finance",
                element: <RequirePermission permission="finance.view" />,
                children: [
                  {
                    // The finance messages are not in the first download: fetched with the shell.
                    lazy: async () => {
                      const [shell] = await Promise.all([
                        import("@/features/finance/routes/FinanceShell"),
                        loadFinanceMessages(),
                      ]);
                      return { Component: shell.Component };
                    },
                    children: financeRoutes,
                  },
                ],
              },
              {
                path: "supply-chain",
                element: <RequirePermission permission="supplychain.view" />,
                children: [
                  {
                    // Like finance: its messages come with the shell, not in the first download.
                    lazy: async () => {
                      const [shell] = await Promise.all([
                        import("@/features/supplychain/routes/SupplyChainShell"),
                        loadSupplyChainMessages(),
                      ]);
                      return { Component: shell.Component };
                    },
                    children: supplyChainRoutes,
                  },
                ],
              },
              {
                path: "billing",
                element: <RequirePermission permission="billing.manage" />,
                children: [{ index: true, lazy: page(() => import("@/features/billing/routes/BillingPage")) }],
              },
              {
                path: "settings/audit",
                element: <RequirePermission permission="audit.view" />,
                children: [{ index: true, lazy: page(() => import("@/features/audit/routes/AuditLogPage")) }],
              },
              { path: "*", Component: NotFound },
            ],
          },
        ],
      },
    ],
  },
];

export function routesFor(host: HostKind | HostKind["kind"]): RouteObject[] {
  const kind = typeof host === "string" ? host : host.kind;
  return kind === "tenant" ? tenantRoutes : publicRoutes;
}

export function createAppRouter(host: HostKind | HostKind["kind"]) {
  return createBrowserRouter(routesFor(host));
}

/** For tests: the same routes in memory, starting at `path`. */
export function createTestRouter(host: HostKind["kind"], path: string) {
  return createMemoryRouter(routesFor(host), { initialEntries: [path] });
}
