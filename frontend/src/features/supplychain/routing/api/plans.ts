/**
 * GET /api/supplychain/routing/deliveries/?date= — the stops of a day (per customer, in the order of the orders);
 * GET/POST /api/supplychain/routing/plans/ — route plans (POST plans a day: `supplychain.manage`);
 * GET /api/supplychain/routing/plans/{route_plan_id}/ — a plan with its routes and stops.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { routingKey } from "./keys";

type Plans = TenantPaths["/api/supplychain/routing/plans/"];
export type Delivery = ResponseBody<TenantPaths["/api/supplychain/routing/deliveries/"]["get"]>["results"][number];
export type RoutePlanSummary = ResponseBody<Plans["get"]>["results"][number];
export type RoutePlan = ResponseBody<TenantPaths["/api/supplychain/routing/plans/{route_plan_id}/"]["get"]>;
export type PlannedRoute = RoutePlan["routes"][number];
export type PlannedStop = PlannedRoute["stops"][number];
export type PlanInput = RequestBody<Plans["post"]>;

export function useDeliveries(date: string, params: PageParams) {
  return useQuery({
    queryKey: [...routingKey, "deliveries", date, params],
    queryFn: () =>
      unwrap(tenantApi.GET("/api/supplychain/routing/deliveries/", { params: { query: { date, ...params } } })),
    placeholderData: keepPreviousData,
  });
}

export function useRoutePlans(query: PageParams & { delivery_date?: string }) {
  return useQuery({
    queryKey: [...routingKey, "plans", query],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/routing/plans/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useRoutePlan(id: number) {
  return useQuery({
    queryKey: [...routingKey, "plan", id],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/supplychain/routing/plans/{route_plan_id}/", { params: { path: { route_plan_id: id } } }),
      ),
  });
}

export function useCreateRoutePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PlanInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/supplychain/routing/plans/", { body, headers: { "Idempotency-Key": idempotencyKey } }),
      ),
    onSuccess: (plan) => {
      queryClient.setQueryData([...routingKey, "plan", plan.id], plan);
      return queryClient.invalidateQueries({ queryKey: [...routingKey, "plans"] });
    },
  });
}
