/**
 * GET /api/purchase-orders/{order_id}/settlements/ and POST …/settlements/: the buyer's choice for goods
 * it rejected on receipt (replacement shipment, return or short-close), and the supplier's answers.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { orderScopeKey, purchaseOrderQueryKey } from "./purchaseOrder";
import { purchaseOrdersQueryKey } from "./purchaseOrders";

type Path = TenantPaths["/api/purchase-orders/{order_id}/settlements/"];
export type SettlementInput = RequestBody<Path["post"]>;
export type Settlement = ResponseBody<Path["post"], 201>;
export type Resolution = SettlementInput["resolution"];

export const settlementsQueryKey = (id: number) => [...orderScopeKey(id), "settlements"] as const;

export function useSettlements(id: number, enabled = true) {
  return useQuery({
    queryKey: settlementsQueryKey(id),
    queryFn: () =>
      allPages((query) =>
        unwrap(
          tenantApi.GET("/api/purchase-orders/{order_id}/settlements/", {
            params: { path: { order_id: id }, query },
          }),
        ),
      ),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((s) => s.status === "pending") ? 30_000 : false),
  });
}

export function createSettlement({
  id,
  body,
  idempotencyKey,
}: {
  id: number;
  body: SettlementInput;
  idempotencyKey: string;
}) {
  return unwrap(
    tenantApi.POST("/api/purchase-orders/{order_id}/settlements/", {
      params: { path: { order_id: id } },
      body,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

export function useCreateSettlement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSettlement,
    onSuccess: (_, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: purchaseOrderQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: orderScopeKey(id) }),
        queryClient.invalidateQueries({ queryKey: [...purchaseOrdersQueryKey, "list"] }),
      ]),
  });
}
