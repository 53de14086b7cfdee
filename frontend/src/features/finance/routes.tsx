/** Every finance page: each area (books, invoices, settlement, statements, cost) brings its routes and
 * its entries in the finance menu. */
import type { RouteObject } from "react-router";
import * as books from "./books/routes";
import * as cost from "./cost/routes";
import * as invoices from "./invoices/routes";
import type { FinanceSection } from "./sections";
import * as settlement from "./settlement/routes";
import * as statements from "./statements/routes";

const AREAS = [books, invoices, settlement, statements, cost];

export const financeRoutes: RouteObject[] = AREAS.flatMap((area) => area.routes);

export const FINANCE_SECTIONS: readonly FinanceSection[] = AREAS.flatMap((area) => area.sections).sort(
  (a, b) => a.order - b.order,
);
