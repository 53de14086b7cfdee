/** Supply chain: replenishment. Its pages (under /supply-chain) and its entries in the supply-chain menu. */
import type { RouteObject } from "react-router";
import type { SupplyChainSection } from "../sections";

export const routes: RouteObject[] = [];

export const sections: SupplyChainSection[] = [];
