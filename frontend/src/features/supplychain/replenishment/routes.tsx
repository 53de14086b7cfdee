/** Supply chain: replenishment. Its pages (under /supply-chain) and its entries in the supply-chain menu. */
import type { RouteObject } from "react-router";
import type { SupplyChainSection } from "../sections";

export const routes: RouteObject[] = [
  { path: "replenishment", lazy: () => import("./routes/PoliciesPage") },
  { path: "replenishment/proposals", lazy: () => import("./routes/ProposalsPage") },
  { path: "replenishment/received", lazy: () => import("./routes/ReceivedPage") },
  { path: "replenishment/rules", lazy: () => import("./routes/RulesPage") },
];

export const sections: SupplyChainSection[] = [
  {
    key: "replenishment-policies",
    path: "replenishment",
    labelKey: "supplyChain.replenishment.nav.policies",
    descriptionKey: "supplyChain.replenishment.nav.policiesDescription",
    permission: "supplychain.view",
    order: 20,
  },
  {
    key: "replenishment-proposals",
    path: "replenishment/proposals",
    labelKey: "supplyChain.replenishment.nav.proposals",
    descriptionKey: "supplyChain.replenishment.nav.proposalsDescription",
    permission: "supplychain.view",
    order: 21,
  },
  {
    key: "replenishment-received",
    path: "replenishment/received",
    labelKey: "supplyChain.replenishment.nav.received",
    descriptionKey: "supplyChain.replenishment.nav.receivedDescription",
    permission: "po.approve",
    order: 22,
  },
  {
    key: "replenishment-rules",
    path: "replenishment/rules",
    labelKey: "supplyChain.replenishment.nav.rules",
    descriptionKey: "supplyChain.replenishment.nav.rulesDescription",
    permission: "po.approve",
    order: 23,
  },
];
