/** Supply chain: routing. Its pages (under /supply-chain) and its entries in the supply-chain menu. */
import type { RouteObject } from "react-router";
import type { SupplyChainSection } from "../sections";

export const routes: RouteObject[] = [
  { path: "routing", lazy: () => import("./routes/PlanDayPage") },
  { path: "routing/plans/:planId", lazy: () => import("./routes/RoutePlanPage") },
  { path: "routing/setup", lazy: () => import("./routes/RoutingSetupPage") },
];

export const sections: SupplyChainSection[] = [
  {
    key: "routing-plan",
    path: "routing",
    labelKey: "supplyChain.routing.nav.plan",
    descriptionKey: "supplyChain.routing.nav.planDescription",
    permission: "supplychain.view",
    order: 50,
  },
  {
    key: "routing-setup",
    path: "routing/setup",
    labelKey: "supplyChain.routing.nav.setup",
    descriptionKey: "supplyChain.routing.nav.setupDescription",
    permission: "supplychain.view",
    order: 51,
  },
];
