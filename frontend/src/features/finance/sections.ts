/** One entry of the finance sub-menu: a path under /finance, its label key and the permission it needs. */
import type { Permission } from "@/lib/access";

export interface FinanceSection {
  key: string;
  /** Relative to /finance ("" is the finance home). */
  path: string;
  labelKey: string;
  /** One sentence saying what the section is for: the finance home shows it on the section's card. */
  descriptionKey?: string;
  permission?: Permission;
  /** Menu order: books 10–19, invoices 20–29, settlement 30–39, statements 40–49, cost 50–59. */
  order: number;
}

/** What the finance shell hands to every finance page (react-router's outlet context). */
export interface FinanceOutletContext {
  /** The sections the member may open, in menu order. */
  sections: readonly FinanceSection[];
}
