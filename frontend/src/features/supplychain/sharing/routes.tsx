/** Supply chain: sharing. Its pages (under /supply-chain) and its entries in the supply-chain menu. */
import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import type { SupplyChainSection } from "../sections";

function page(load: () => Promise<{ Component: ComponentType }>) {
  return async () => ({ Component: (await load()).Component });
}

export const routes: RouteObject[] = [
  { path: "sharing/grants", lazy: page(() => import("./routes/GrantsPage")) },
  { path: "sharing/received", lazy: page(() => import("./routes/ReceivedPage")) },
  { path: "sharing/stock", lazy: page(() => import("./routes/SharedStockPage")) },
];

export const sections: SupplyChainSection[] = [
  {
    key: "sharing-grants",
    path: "sharing/grants",
    labelKey: "supplyChain.sharing.menu.given",
    descriptionKey: "supplyChain.sharing.menu.givenDescription",
    permission: "supplychain.view",
    order: 10,
  },
  {
    key: "sharing-received",
    path: "sharing/received",
    labelKey: "supplyChain.sharing.menu.received",
    descriptionKey: "supplyChain.sharing.menu.receivedDescription",
    permission: "supplychain.view",
    order: 11,
  },
  {
    key: "sharing-stock",
    path: "sharing/stock",
    labelKey: "supplyChain.sharing.menu.stock",
    descriptionKey: "supplyChain.sharing.menu.stockDescription",
    permission: "supplychain.view",
    order: 12,
  },
];
