/** The statement pages, in the order of their tabs. */
export const STATEMENT_PAGES = [
  { path: "balance-sheet", labelKey: "financeStatements.pages.balanceSheet" },
  { path: "income-statement", labelKey: "financeStatements.pages.incomeStatement" },
  { path: "cash-flow", labelKey: "financeStatements.pages.cashFlow" },
  { path: "trial-balance", labelKey: "financeStatements.pages.trialBalance" },
  { path: "general-ledger", labelKey: "financeStatements.pages.generalLedger" },
  { path: "aging", labelKey: "financeStatements.pages.aging" },
  { path: "vat", labelKey: "financeStatements.pages.vat" },
] as const;
