/** The books pages of finance: their routes under /finance and their entries in the finance menu. */
import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import type { FinanceSection } from "../sections";

function page(load: () => Promise<{ Component: ComponentType }>) {
  return async () => ({ Component: (await load()).Component });
}

export const routes: RouteObject[] = [
  { index: true, lazy: page(() => import("./pages/FinanceHomePage")) },
  { path: "accounts", lazy: page(() => import("./pages/AccountsPage")) },
  { path: "entries", lazy: page(() => import("./pages/EntriesPage")) },
  { path: "entries/new", lazy: page(() => import("./pages/EntryNewPage")) },
  { path: "entries/:entryId", lazy: page(() => import("./pages/EntryDetailPage")) },
  { path: "periods", lazy: page(() => import("./pages/PeriodsPage")) },
  { path: "rules", lazy: page(() => import("./pages/RulesPage")) },
  { path: "settings", lazy: page(() => import("./pages/SettingsPage")) },
];

export const sections: FinanceSection[] = [
  { key: "home", path: "", labelKey: "finance.books.sections.home", order: 10 },
  {
    key: "accounts",
    path: "accounts",
    labelKey: "finance.books.sections.accounts",
    descriptionKey: "finance.books.sections.accountsBody",
    order: 11,
  },
  {
    key: "entries",
    path: "entries",
    labelKey: "finance.books.sections.entries",
    descriptionKey: "finance.books.sections.entriesBody",
    order: 12,
  },
  {
    key: "periods",
    path: "periods",
    labelKey: "finance.books.sections.periods",
    descriptionKey: "finance.books.sections.periodsBody",
    order: 13,
  },
  {
    key: "rules",
    path: "rules",
    labelKey: "finance.books.sections.rules",
    descriptionKey: "finance.books.sections.rulesBody",
    order: 14,
  },
  {
    key: "settings",
    path: "settings",
    labelKey: "finance.books.sections.settings",
    descriptionKey: "finance.books.sections.settingsBody",
    order: 19,
  },
];
