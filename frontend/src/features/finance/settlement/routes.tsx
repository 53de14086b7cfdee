/** The settlement pages of finance: their routes under /finance and their entries in the finance menu. */
import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import type { FinanceSection } from "../sections";

function page(load: () => Promise<{ Component: ComponentType }>) {
  return async () => ({ Component: (await load()).Component });
}

export const routes: RouteObject[] = [
  { path: "payments", lazy: page(() => import("./routes/PaymentsPage")) },
  { path: "bills", lazy: page(() => import("./routes/BillsPage")) },
  { path: "bills/:billId", lazy: page(() => import("./routes/BillPage")) },
  { path: "bank-import", lazy: page(() => import("./routes/StatementsPage")) },
];

export const sections: FinanceSection[] = [
  {
    key: "payments",
    path: "payments",
    labelKey: "financeSettlement.menu.payments",
    permission: "finance.view",
    order: 30,
  },
  { key: "bills", path: "bills", labelKey: "financeSettlement.menu.bills", permission: "finance.view", order: 31 },
  {
    key: "bank-import",
    path: "bank-import",
    labelKey: "financeSettlement.menu.bankImport",
    permission: "finance.view",
    order: 32,
  },
];
