/**
 * GET /api/finance/cost/work-orders/ — work orders with their cost so far;
 * GET /api/finance/cost/work-orders/{id}/ — one cost sheet with its lines;
 * POST …/materials/ — issue a material at its moving average; POST …/labour/ — labour hours and the
 * overhead they absorb (`finance.post`).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { costKey } from "./keys";

type List = TenantPaths["/api/finance/cost/work-orders/"]["get"];
type Detail = TenantPaths["/api/finance/cost/work-orders/{work_order_id}/"]["get"];
export type WorkOrderCostPage = ResponseBody<List>;
export type WorkOrderCost = WorkOrderCostPage["results"][number];
export type WorkOrderCostQuery = QueryParams<List>;
export type WorkOrderSheet = ResponseBody<Detail>;
export type MaterialInput = RequestBody<
  TenantPaths["/api/finance/cost/work-orders/{work_order_id}/materials/"]["post"]
>;
export type LabourInput = RequestBody<TenantPaths["/api/finance/cost/work-orders/{work_order_id}/labour/"]["post"]>;

export function useWorkOrderCosts(query: WorkOrderCostQuery) {
  return useQuery({
    queryKey: [...costKey, "work-orders", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/work-orders/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkOrderSheet(workOrderId: number | null) {
  return useQuery({
    queryKey: [...costKey, "work-order", workOrderId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/finance/cost/work-orders/{work_order_id}/", {
          params: { path: { work_order_id: workOrderId ?? 0 } },
        }),
      ),
    enabled: workOrderId !== null,
  });
}

export function useIssueMaterial(workOrderId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: MaterialInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/cost/work-orders/{work_order_id}/materials/", {
          params: { path: { work_order_id: workOrderId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costKey }),
  });
}

export function useRecordLabour(workOrderId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LabourInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/cost/work-orders/{work_order_id}/labour/", {
          params: { path: { work_order_id: workOrderId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costKey }),
  });
}
