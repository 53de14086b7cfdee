/** The settlement pages of finance: their routes under /finance and their entries in the finance menu. */
import type { RouteObject } from "react-router";
import type { FinanceSection } from "../sections";

export const routes: RouteObject[] = [];

export const sections: FinanceSection[] = [];
