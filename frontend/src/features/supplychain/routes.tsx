/** Every supply-chain page: each part (sharing, replenishment, planning, tracking, routing) brings its routes
 * and its entries in the supply-chain menu. */
import type { RouteObject } from "react-router";
import * as planning from "./planning/routes";
import * as replenishment from "./replenishment/routes";
import * as routing from "./routing/routes";
import type { SupplyChainSection } from "./sections";
import * as sharing from "./sharing/routes";
import * as tracking from "./tracking/routes";

const PARTS = [sharing, replenishment, planning, tracking, routing];

export const supplyChainRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import("./routes/SupplyChainHome")).Component }) },
  ...PARTS.flatMap((part) => part.routes),
];

export const SUPPLY_CHAIN_SECTIONS: readonly SupplyChainSection[] = PARTS.flatMap((part) => part.sections).sort(
  (a, b) => a.order - b.order,
);
