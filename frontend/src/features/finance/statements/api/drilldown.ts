/** GET /api/finance/statements/drilldown/ — the journal entries behind a figure (its accounts, tag and dates). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { statementsQueryKey, type Drill } from "./statements";

export type DrillPage = ResponseBody<TenantPaths["/api/finance/statements/drilldown/"]["get"]>;
export type DrillEntry = DrillPage["results"][number];
type DrillTag = NonNullable<
  NonNullable<TenantPaths["/api/finance/statements/drilldown/"]["get"]["parameters"]["query"]>["cash_flow_tag"]
>;

export function drillQuery(drill: Drill) {
  return {
    account_ids: drill.account_ids.join(","),
    ...(drill.cash_flow_tag ? { cash_flow_tag: drill.cash_flow_tag as DrillTag } : {}),
    ...(drill.date_from ? { date_from: drill.date_from } : {}),
    ...(drill.date_to ? { date_to: drill.date_to } : {}),
  };
}

export function useDrilldown(drill: Drill | null, page: PageParams) {
  return useQuery({
    queryKey: [...statementsQueryKey, "drilldown", drill, page],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/finance/statements/drilldown/", {
          params: { query: { ...drillQuery(drill as Drill), ...page } },
        }),
      ),
    enabled: drill !== null && drill.account_ids.length > 0,
    placeholderData: keepPreviousData,
  });
}
