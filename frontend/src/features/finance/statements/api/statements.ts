/**
 * GET /api/finance/statements/{balance-sheet,income-statement,cash-flow,trial-balance,vat-summary}/ —
 * the statements over a range of periods (and a comparative range), labels in `lang`.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type StatementLang = "zh-CN" | "en";

/** A range of whole months (YYYY-MM-DD of the first and last day), and the comparative one. */
export interface RangeQuery {
  date_from: string;
  date_to: string;
  compare_date_from?: string;
  compare_date_to?: string;
  lang: StatementLang;
}

export type Statement = ResponseBody<TenantPaths["/api/finance/statements/balance-sheet/"]["get"]>;
export type StatementRow = Statement["rows"][number];
export type Drill = NonNullable<StatementRow["drill"]>;
export type CashFlow = ResponseBody<TenantPaths["/api/finance/statements/cash-flow/"]["get"]>;
export type TrialBalance = ResponseBody<TenantPaths["/api/finance/statements/trial-balance/"]["get"]>;
export type TrialBalanceRow = TrialBalance["rows"][number];
export type VatSummary = ResponseBody<TenantPaths["/api/finance/statements/vat-summary/"]["get"]>;

export const statementsQueryKey = ["finance", "statements"] as const;

export type StatementKind = "balance-sheet" | "income-statement";

export function getStatement(kind: StatementKind, query: RangeQuery): Promise<Statement> {
  if (kind === "balance-sheet")
    return unwrap(tenantApi.GET("/api/finance/statements/balance-sheet/", { params: { query } }));
  return unwrap(tenantApi.GET("/api/finance/statements/income-statement/", { params: { query } }));
}

export function useStatement(kind: StatementKind, query: RangeQuery) {
  return useQuery({
    queryKey: [...statementsQueryKey, kind, query],
    queryFn: () => getStatement(kind, query),
    placeholderData: keepPreviousData,
  });
}

export function useCashFlow(query: RangeQuery) {
  return useQuery({
    queryKey: [...statementsQueryKey, "cash-flow", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/statements/cash-flow/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useTrialBalance(query: RangeQuery) {
  return useQuery({
    queryKey: [...statementsQueryKey, "trial-balance", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/statements/trial-balance/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useVatSummary(query: RangeQuery) {
  const { date_from, date_to, lang } = query;
  return useQuery({
    queryKey: [...statementsQueryKey, "vat-summary", date_from, date_to, lang],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/finance/statements/vat-summary/", { params: { query: { date_from, date_to, lang } } }),
      ),
    placeholderData: keepPreviousData,
  });
}
