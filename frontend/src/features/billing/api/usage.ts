/**
 * GET /api/billing/usage/ — each meter against the plan's quota;
 * GET /api/billing/usage/history/ — one meter per month, for the chart.
 */
import { useQuery } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { billingQueryKey } from "./overview";

export type MeterUsage = ResponseBody<TenantPaths["/api/billing/usage/"]["get"]>["results"][number];
export type UsageHistoryPage = ResponseBody<TenantPaths["/api/billing/usage/history/"]["get"]>;
export type UsageMonth = UsageHistoryPage["results"][number];
export type Meter = MeterUsage["meter"];

export const usageQueryKey = [...billingQueryKey, "usage"] as const;

export function getUsage(): Promise<MeterUsage[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/billing/usage/", { params: { query } })));
}

export function useUsage() {
  return useQuery({ queryKey: usageQueryKey, queryFn: getUsage });
}

export function getUsageHistory(meter: Meter, months: number): Promise<UsageMonth[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/billing/usage/history/", { params: { query: { ...query, meter, months } } })),
  );
}

export function useUsageHistory(meter: Meter, months = 12) {
  return useQuery({
    queryKey: [...usageQueryKey, "history", meter, months],
    queryFn: () => getUsageHistory(meter, months),
  });
}
