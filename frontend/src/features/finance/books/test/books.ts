/** Answers of the books API as the OpenAPI document shapes them, for the books pages' tests. */
import { http, HttpResponse } from "msw";
import { page } from "@/test/fixtures";
import { makeMe } from "@/test/render";
import { server } from "@/test/server";
import type { Account } from "../api/accounts";
import type { JournalEntry } from "../api/entries";
import type { Period } from "../api/periods";
import type { FinanceSettings } from "../api/settings";

export const SETTINGS: FinanceSettings = {
  chart_template: "cas_small",
  functional_currency: "CNY",
  fiscal_year_start_month: 1,
  price_tolerance_percent: "2.00",
  quantity_tolerance_percent: "0.00",
  tax_id: "91310000MA1FL0001X",
  default_vat_percent: "13.00",
};

export function account(overrides: Partial<Account> & Pick<Account, "id" | "code" | "name_en">): Account {
  return {
    name_zh: overrides.name_en,
    type: "asset",
    parent_id: null,
    is_postable: true,
    role: "",
    report_line: "cash_and_equivalents",
    is_cash: false,
    currency: "",
    is_active: true,
    ...overrides,
  };
}

/** A small chart: cash and bank (bank has two sub-accounts), receivables, revenue and an expense. */
export const CHART: Account[] = [
  account({ id: 1, code: "1001", name_en: "Cash on hand", name_zh: "库存现金", role: "cash", is_cash: true }),
  account({ id: 2, code: "1002", name_en: "Bank deposits", name_zh: "银行存款", is_postable: false, is_cash: true }),
  account({
    id: 21,
    code: "100201",
    name_en: "ICBC basic account",
    name_zh: "工行基本户",
    parent_id: 2,
    is_cash: true,
    role: "bank",
  }),
  account({
    id: 22,
    code: "100202",
    name_en: "CMB USD account",
    name_zh: "招行美元户",
    parent_id: 2,
    is_cash: true,
    currency: "USD",
  }),
  account({
    id: 3,
    code: "1122",
    name_en: "Trade receivables",
    name_zh: "应收账款",
    role: "receivable",
    report_line: "trade_receivables",
  }),
  account({
    id: 4,
    code: "5001",
    name_en: "Revenue from main operations",
    name_zh: "主营业务收入",
    type: "revenue",
    role: "revenue",
    report_line: "revenue",
  }),
  account({
    id: 5,
    code: "5602",
    name_en: "Administrative expenses",
    name_zh: "管理费用",
    type: "expense",
    report_line: "admin_expenses",
    is_active: false,
  }),
];

export const PERIODS: Period[] = Array.from({ length: 12 }, (_, i) => {
  const month = String(i + 1).padStart(2, "0");
  return {
    id: 100 + i,
    fiscal_year: "2026",
    number: i + 1,
    label: `2026-${month}`,
    start: `2026-${month}-01`,
    end: `2026-${month}-28`,
    status: i < 10 ? "closed" : "open",
    closed_at: i < 10 ? "2026-11-02T09:00:00Z" : null,
    closed_by: i < 10 ? "Li Wei" : "",
  } as Period;
});

export function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 7,
    number: "GJ-2026-000007",
    journal: "GJ",
    period: "2026-12",
    period_id: 111,
    date: "2026-12-06",
    description: "Office rent",
    source_kind: "manual",
    source_id: "",
    event_id: null,
    reversal_of_id: null,
    reversed_by_id: null,
    total: "100.10",
    currency: "CNY",
    created_by: "Li Wei",
    created_at: "2026-12-06T08:00:00Z",
    lines: [
      {
        line_no: 1,
        account: { id: 1, code: "1001", name_zh: "库存现金", name_en: "Cash on hand" },
        debit: "100.10",
        credit: "0.00",
        currency: "CNY",
        amount_currency: "100.10",
        rate: "1.00000000",
        description: "",
        department_id: null,
        project_id: null,
        partner_company_id: null,
        partner_customer_id: null,
        partner_name: "",
        cash_flow_tag: "",
      },
      {
        line_no: 2,
        account: { id: 4, code: "5001", name_zh: "主营业务收入", name_en: "Revenue from main operations" },
        debit: "0.00",
        credit: "100.10",
        currency: "CNY",
        amount_currency: "-100.10",
        rate: "1.00000000",
        description: "",
        department_id: null,
        project_id: null,
        partner_company_id: null,
        partner_customer_id: null,
        partner_name: "",
        cash_flow_tag: "",
      },
    ],
    ...overrides,
  };
}

export const POSTER = ["company.view", "finance.view", "finance.post"];
export const READER = ["company.view", "finance.view", "stock.view"];

/** The member and the books' reference data every books page reads. */
export function serveBooks(permissions: string[] = POSTER) {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["finance"] }))),
    http.get("/api/finance/settings/", () => HttpResponse.json(SETTINGS)),
    http.get("/api/finance/accounts/", ({ request }) => {
      const postable = new URL(request.url).searchParams.get("postable");
      return HttpResponse.json(page(postable === "true" ? CHART.filter((a) => a.is_postable) : CHART));
    }),
    http.get("/api/finance/journals/", () =>
      HttpResponse.json(
        page([
          { code: "GJ", name_zh: "记账凭证", name_en: "General journal" },
          { code: "BNK", name_zh: "银行日记账", name_en: "Bank journal" },
        ]),
      ),
    ),
    http.get("/api/finance/projects/", () =>
      HttpResponse.json(page([{ id: 9, code: "P-01", name: "Plant upgrade", is_active: true }])),
    ),
    http.get("/api/finance/periods/", () => HttpResponse.json(page(PERIODS))),
  );
}
