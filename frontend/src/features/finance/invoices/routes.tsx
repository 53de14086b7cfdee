/** The invoices pages of finance: their routes under /finance and their entries in the finance menu. */
import type { RouteObject } from "react-router";
import type { FinanceSection } from "../sections";

function page(load: () => Promise<{ Component: () => React.ReactNode }>) {
  return async () => ({ Component: (await load()).Component });
}

export const routes: RouteObject[] = [
  { path: "invoices", lazy: page(() => import("./routes/InvoiceListPage")) },
  { path: "invoices/new", lazy: page(() => import("./routes/InvoiceNewPage")) },
  { path: "invoices/:invoiceId", lazy: page(() => import("./routes/InvoiceDetailPage")) },
];

export const sections: FinanceSection[] = [
  { key: "invoices", path: "invoices", labelKey: "finance.invoices.menu", permission: "finance.view", order: 20 },
];
