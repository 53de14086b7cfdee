/**
 * GET /api/finance/cost/margins/ — gross margin per sales order, customer or item;
 * GET /api/finance/cost/shipment-costs/ and POST — freight and handling of shipments (`finance.post`).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { costKey } from "./keys";

type Margins = TenantPaths["/api/finance/cost/margins/"]["get"];
type ShipmentCosts = TenantPaths["/api/finance/cost/shipment-costs/"];
export type MarginPage = ResponseBody<Margins>;
export type Margin = MarginPage["results"][number];
export type MarginQuery = QueryParams<Margins>;
export type MarginBy = NonNullable<MarginQuery["by"]>;
export type ShipmentCostPage = ResponseBody<ShipmentCosts["get"]>;
export type ShipmentCost = ShipmentCostPage["results"][number];
export type ShipmentCostInput = RequestBody<ShipmentCosts["post"]>;

export function useMargins(query: MarginQuery) {
  return useQuery({
    queryKey: [...costKey, "margins", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/margins/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useShipmentCosts(query: QueryParams<ShipmentCosts["get"]>) {
  return useQuery({
    queryKey: [...costKey, "shipment-costs", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/shipment-costs/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useRecordShipmentCost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ShipmentCostInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/cost/shipment-costs/", { body, headers: { "Idempotency-Key": idempotencyKey } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costKey }),
  });
}

type OrderShipments = TenantPaths["/api/sales-orders/{order_id}/shipments/"]["get"];
export type OrderShipment = ResponseBody<OrderShipments>["results"][number];

/** GET /api/sales-orders/{order_id}/shipments/ — the shipments a logistics cost may be recorded for. */
export function useOrderShipments(orderId: number | null) {
  return useQuery({
    queryKey: [...costKey, "order-shipments", orderId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/sales-orders/{order_id}/shipments/", { params: { path: { order_id: orderId ?? 0 } } }),
      ),
    enabled: orderId !== null,
  });
}
