/** Supply chain: planning. Its pages (under /supply-chain) and its entries in the supply-chain menu. */
import type { RouteObject } from "react-router";
import type { SupplyChainSection } from "../sections";

export const routes: RouteObject[] = [
  { path: "forecasts", lazy: () => import("./routes/ForecastsPage") },
  { path: "forecasts/:forecastId", lazy: () => import("./routes/ForecastPage") },
];

export const sections: SupplyChainSection[] = [
  {
    key: "planning",
    path: "forecasts",
    labelKey: "supplyChain.planning.menu",
    descriptionKey: "supplyChain.planning.description",
    permission: "supplychain.view",
    order: 30,
  },
];
