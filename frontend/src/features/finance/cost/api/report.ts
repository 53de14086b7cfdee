/** GET /api/finance/cost/report/ — purchase, production and logistics cost per month (twelve months). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { costKey } from "./keys";

export type CostReport = ResponseBody<TenantPaths["/api/finance/cost/report/"]["get"]>;
export type CostMonth = CostReport["months"][number];

export function useCostReport(month?: string) {
  return useQuery({
    queryKey: [...costKey, "report", month ?? ""],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/report/", { params: { query: month ? { month } : {} } })),
  });
}
