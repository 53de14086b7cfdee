/** The statements pages of finance: their routes under /finance and their entries in the finance menu. */
import { Navigate, type RouteObject } from "react-router";
import type { FinanceSection } from "../sections";

const load = (module: Promise<{ Component: React.ComponentType }>) => async () => ({
  Component: (await module).Component,
});

export const routes: RouteObject[] = [
  {
    path: "statements",
    lazy: () => load(import("./routes/StatementsLayout"))(),
    children: [
      { index: true, element: <Navigate to="balance-sheet" replace /> },
      { path: "balance-sheet", lazy: () => load(import("./routes/BalanceSheetPage"))() },
      { path: "income-statement", lazy: () => load(import("./routes/IncomeStatementPage"))() },
      { path: "cash-flow", lazy: () => load(import("./routes/CashFlowPage"))() },
      { path: "trial-balance", lazy: () => load(import("./routes/TrialBalancePage"))() },
      { path: "general-ledger", lazy: () => load(import("./routes/GeneralLedgerPage"))() },
      { path: "aging", lazy: () => load(import("./routes/AgingPage"))() },
      { path: "vat", lazy: () => load(import("./routes/VatSummaryPage"))() },
    ],
  },
];

export const sections: FinanceSection[] = [
  { key: "statements", path: "statements", labelKey: "financeStatements.menu", permission: "finance.view", order: 40 },
];
