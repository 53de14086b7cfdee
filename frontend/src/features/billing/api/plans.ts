/** GET /api/billing/plans/ — the plans the company may move to, with prices and what each includes. */
import { useQuery } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { billingQueryKey } from "./overview";

export type PlansPage = ResponseBody<TenantPaths["/api/billing/plans/"]["get"]>;
export type Plan = PlansPage["results"][number];
export type PlanEntitlement = Plan["entitlements"][number];

export function getPlans(): Promise<Plan[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/billing/plans/", { params: { query } })));
}

export function usePlans() {
  return useQuery({ queryKey: [...billingQueryKey, "plans"], queryFn: getPlans, staleTime: 300_000 });
}
