/** One entry of the supply-chain sub-menu: a path under /supply-chain, its label key and permission. */
import type { Permission } from "@/lib/access";

export interface SupplyChainSection {
  key: string;
  /** Relative to /supply-chain ("" is the supply-chain home). */
  path: string;
  labelKey: string;
  /** One sentence saying what the section is for: the supply-chain home shows it on the section's card. */
  descriptionKey?: string;
  permission?: Permission;
  /** Menu order: sharing 10–19, replenishment 20–29, planning 30–39, tracking 40–49, routing 50–59. */
  order: number;
}

/** What the supply-chain shell hands to every page (react-router's outlet context). */
export interface SupplyChainOutletContext {
  sections: readonly SupplyChainSection[];
}
