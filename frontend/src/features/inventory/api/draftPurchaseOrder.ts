/**
 * POST /api/inventory/reorder-list/purchase-order/ — rows picked on the reorder list + a supplier: a DRAFT
 * purchase order with those lines (quantity: the reorder quantity, else the shortfall; price 0 unless
 * given). Needs po.create. GET /api/trading-partners/ gives the suppliers on Hansa to pick from.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { allPages, type RequestBody, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import { inventoryKey } from "./keys";

type Draft = TenantPaths["/api/inventory/reorder-list/purchase-order/"]["post"];
export type DraftInput = RequestBody<Draft>;
export type DraftResult = ResponseBody<Draft, 201>;

export function useDraftPurchaseOrder() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DraftInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/inventory/reorder-list/purchase-order/", {
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
  });
}

export function useTradingPartners({ enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: [...inventoryKey, "trading-partners"],
    queryFn: () => allPages((query) => unwrap(tenantApi.GET("/api/trading-partners/", { params: { query } }))),
    enabled,
  });
}
