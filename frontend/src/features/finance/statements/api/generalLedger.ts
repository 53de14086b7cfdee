/**
 * GET /api/finance/statements/general-ledger/ — one account's opening, debits, credits and closing;
 * GET /api/finance/statements/general-ledger/lines/ — its lines with the running balance (paginated).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { statementsQueryKey } from "./statements";

export type LedgerHeader = ResponseBody<TenantPaths["/api/finance/statements/general-ledger/"]["get"]>;
export type LedgerPage = ResponseBody<TenantPaths["/api/finance/statements/general-ledger/lines/"]["get"]>;
export type LedgerLine = LedgerPage["results"][number];

export interface LedgerQuery {
  account_id: number;
  date_from: string;
  date_to: string;
}

export function useLedgerHeader(query: LedgerQuery | null) {
  return useQuery({
    queryKey: [...statementsQueryKey, "general-ledger", query],
    queryFn: () =>
      unwrap(tenantApi.GET("/api/finance/statements/general-ledger/", { params: { query: query as LedgerQuery } })),
    enabled: query !== null,
  });
}

export function useLedgerLines(query: LedgerQuery | null, page: PageParams) {
  return useQuery({
    queryKey: [...statementsQueryKey, "general-ledger", "lines", query, page],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/finance/statements/general-ledger/lines/", {
          params: { query: { ...(query as LedgerQuery), ...page } },
        }),
      ),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
