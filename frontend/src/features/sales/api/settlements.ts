/**
 * GET /api/sales-orders/{order_id}/settlements/ — the buyer's settlements of goods it rejected (replacement
 * shipment, return, short-close); POST …/settlements/{settlement_id}/accept/ and …/decline/ answer one.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { salesOrderChanged, salesOrderScope } from "./salesOrder";

export type SalesSettlement = ResponseBody<
  TenantPaths["/api/sales-orders/{order_id}/settlements/"]["get"]
>["results"][number];

export function useSalesSettlements(id: number, enabled = true) {
  return useQuery({
    queryKey: [...salesOrderScope(id), "settlements"],
    queryFn: () =>
      allPages((query) =>
        unwrap(
          tenantApi.GET("/api/sales-orders/{order_id}/settlements/", { params: { path: { order_id: id }, query } }),
        ),
      ),
    enabled,
  });
}

export function acceptSettlement({ id, settlementId }: { id: number; settlementId: number }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/settlements/{settlement_id}/accept/", {
      params: { path: { order_id: id, settlement_id: settlementId } },
    }),
  );
}

export function declineSettlement({ id, settlementId, reason }: { id: number; settlementId: number; reason: string }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/settlements/{settlement_id}/decline/", {
      params: { path: { order_id: id, settlement_id: settlementId } },
      body: { reason },
    }),
  );
}

function useSettlementAction<A extends { id: number }>(action: (args: A) => Promise<SalesSettlement>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: action, onSuccess: (_, { id }) => salesOrderChanged(queryClient, id) });
}

export const useAcceptSettlement = () => useSettlementAction(acceptSettlement);
export const useDeclineSettlement = () => useSettlementAction(declineSettlement);
