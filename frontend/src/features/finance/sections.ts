/** One entry of the finance sub-menu: a path under /finance, its label key and the permission it needs. */
import type { Permission } from "@/lib/access";

export interface FinanceSection {
  key: string;
  /** Relative to /finance ("" is the finance home). */
  path: string;
  labelKey: string;
  permission?: Permission;
  /** Menu order: books 10–19, invoices 20–29, settlement 30–39, statements 40–49, cost 50–59. */
  order: number;
}
