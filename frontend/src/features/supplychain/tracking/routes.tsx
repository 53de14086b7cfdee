/** Supply chain: tracking. Its pages (under /supply-chain) and its entries in the supply-chain menu. The
 * timelines themselves are on the order pages (components/shipmentTracking). */
import type { RouteObject } from "react-router";
import type { SupplyChainSection } from "../sections";

export const routes: RouteObject[] = [
  {
    path: "tracking/carriers",
    lazy: async () => ({ Component: (await import("./routes/CarrierAccountsPage")).Component }),
  },
];

export const sections: SupplyChainSection[] = [
  {
    key: "tracking-carriers",
    path: "tracking/carriers",
    labelKey: "supplyChain.tracking.menu",
    descriptionKey: "supplyChain.tracking.description",
    permission: "supplychain.view",
    order: 40,
  },
];
