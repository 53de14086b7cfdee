/** The cost pages of finance: their routes under /finance and their entries in the finance menu. */
import type { RouteObject } from "react-router";
import type { FinanceSection } from "../sections";

export const routes: RouteObject[] = [
  { path: "cost/items", lazy: () => import("./routes/ItemCostsPage") },
  { path: "cost/landed", lazy: () => import("./routes/LandedCostsPage") },
  { path: "cost/work-orders", lazy: () => import("./routes/WorkOrderCostsPage") },
  { path: "cost/margins", lazy: () => import("./routes/MarginsPage") },
  { path: "cost/report", lazy: () => import("./routes/CostReportPage") },
];

export const sections: FinanceSection[] = [
  { key: "cost-items", path: "cost/items", labelKey: "financeCost.nav.items", order: 50 },
  { key: "cost-landed", path: "cost/landed", labelKey: "financeCost.nav.landed", order: 51 },
  { key: "cost-work-orders", path: "cost/work-orders", labelKey: "financeCost.nav.workOrders", order: 52 },
  { key: "cost-margins", path: "cost/margins", labelKey: "financeCost.nav.margins", order: 53 },
  { key: "cost-report", path: "cost/report", labelKey: "financeCost.nav.report", order: 54 },
];
