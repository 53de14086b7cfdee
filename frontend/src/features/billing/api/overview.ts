/** GET /api/billing/ — where the company's subscription stands (plan, status, trial, dunning dates, how to pay). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type BillingOverview = ResponseBody<TenantPaths["/api/billing/"]["get"]>;

export const billingQueryKey = ["billing"] as const;
export const overviewQueryKey = [...billingQueryKey, "overview"] as const;

export function getBillingOverview(): Promise<BillingOverview> {
  return unwrap(tenantApi.GET("/api/billing/"));
}

export function useBillingOverview({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: overviewQueryKey, queryFn: getBillingOverview, enabled, staleTime: 60_000 });
}
