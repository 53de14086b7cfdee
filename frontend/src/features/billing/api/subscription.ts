/**
 * POST /api/billing/subscription/change-plan/ | convert/ | cancel/ | resume/ — each answers the new
 * overview (change-plan with the proration); every billing query is refreshed afterwards.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { meQueryKey } from "@/lib/me";
import { billingQueryKey, overviewQueryKey, type BillingOverview } from "./overview";

type ChangePlan = TenantPaths["/api/billing/subscription/change-plan/"]["post"];
export type ChangePlanInput = RequestBody<ChangePlan>;
export type PlanChangeResult = ResponseBody<ChangePlan>;
export type Interval = NonNullable<ChangePlanInput["interval"]>;

function useRefresh() {
  const client = useQueryClient();
  return (overview: BillingOverview) => {
    client.setQueryData(overviewQueryKey, overview);
    void client.invalidateQueries({ queryKey: billingQueryKey });
    void client.invalidateQueries({ queryKey: meQueryKey });
  };
}

export function useChangePlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ChangePlanInput) => unwrap(tenantApi.POST("/api/billing/subscription/change-plan/", { body })),
    onSuccess: (result) => refresh(result.subscription),
  });
}

export function useConvert() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (interval: Interval) =>
      unwrap(tenantApi.POST("/api/billing/subscription/convert/", { body: { interval } })),
    onSuccess: refresh,
  });
}

export function useCancel() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string) => unwrap(tenantApi.POST("/api/billing/subscription/cancel/", { body: { reason } })),
    onSuccess: refresh,
  });
}

export function useResume() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => unwrap(tenantApi.POST("/api/billing/subscription/resume/")),
    onSuccess: refresh,
  });
}
