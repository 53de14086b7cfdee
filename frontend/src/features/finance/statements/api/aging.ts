/** GET /api/finance/statements/aging/ — open receivables (out) or payables (in) by partner and days overdue. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { statementsQueryKey, type StatementLang } from "./statements";

export type Aging = ResponseBody<TenantPaths["/api/finance/statements/aging/"]["get"]>;
export type AgingRow = Aging["rows"][number];
export type AgingDirection = "out" | "in";

export function useAging(direction: AgingDirection, asOf: string, lang: StatementLang) {
  return useQuery({
    queryKey: [...statementsQueryKey, "aging", direction, asOf, lang],
    queryFn: () =>
      unwrap(tenantApi.GET("/api/finance/statements/aging/", { params: { query: { direction, as_of: asOf, lang } } })),
    placeholderData: keepPreviousData,
  });
}
