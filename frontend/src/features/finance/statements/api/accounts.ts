/** GET /api/finance/accounts/ — the chart of accounts, for picking the account of a ledger. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { statementsQueryKey } from "./statements";

export type LedgerAccount = ResponseBody<TenantPaths["/api/finance/accounts/"]["get"]>["results"][number];

export function useAccountSearch(search: string) {
  return useQuery({
    queryKey: [...statementsQueryKey, "accounts", search],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/accounts/", { params: { query: { search, page_size: 50 } } })),
  });
}
