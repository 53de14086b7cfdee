/**
 * Supply-chain tracking of shipments, for the order pages of both sides (shared UI: the sales-order page,
 * the purchase-order page and the supply-chain section all show it).
 *
 * GET /api/supplychain/sales-orders/{order_id}/tracking/ — the supplier's shipments of a sales order;
 * GET /api/supplychain/purchase-orders/{order_id}/tracking/ — what the supplier reported for a purchase order;
 * POST /api/supplychain/shipments/{shipment_id}/tracking/events/ — an event entered by hand;
 * PATCH /api/supplychain/shipments/{shipment_id}/tracking/ — the ETA set (or cleared) by hand.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  allPages,
  type PageItem,
  type RequestBody,
  type ResponseBody,
  tenantApi,
  type TenantPaths,
  unwrap,
} from "@/lib/api";

type SalesPath = TenantPaths["/api/supplychain/sales-orders/{order_id}/tracking/"];
export type ShipmentTimeline = PageItem<ResponseBody<SalesPath["get"]>>;
export type TrackingEvent = ShipmentTimeline["events"][number];
export type TrackingEventInput = RequestBody<
  TenantPaths["/api/supplychain/shipments/{shipment_id}/tracking/events/"]["post"]
>;
export type TrackingSide = "supplier" | "buyer";

export const trackingQueryKey = ["supplychain", "tracking"] as const;

export function getOrderTracking(side: TrackingSide, orderId: number): Promise<ShipmentTimeline[]> {
  const params = (query: { page: number; page_size: number }) => ({ params: { path: { order_id: orderId }, query } });
  return allPages((query) =>
    side === "supplier"
      ? unwrap(tenantApi.GET("/api/supplychain/sales-orders/{order_id}/tracking/", params(query)))
      : unwrap(tenantApi.GET("/api/supplychain/purchase-orders/{order_id}/tracking/", params(query))),
  );
}

/** The order's shipments with their tracking; read again every minute while the page is open. */
export function useOrderTracking(side: TrackingSide, orderId: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...trackingQueryKey, side, orderId],
    queryFn: () => getOrderTracking(side, orderId),
    refetchInterval: 60_000,
  });
}

export function addTrackingEvent({
  shipmentId,
  body,
  idempotencyKey,
}: {
  shipmentId: number;
  body: TrackingEventInput;
  idempotencyKey: string;
}): Promise<ShipmentTimeline> {
  return unwrap(
    tenantApi.POST("/api/supplychain/shipments/{shipment_id}/tracking/events/", {
      params: { path: { shipment_id: shipmentId } },
      body,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

export function setTrackingEta({
  shipmentId,
  eta,
}: {
  shipmentId: number;
  eta: string | null;
}): Promise<ShipmentTimeline> {
  return unwrap(
    tenantApi.PATCH("/api/supplychain/shipments/{shipment_id}/tracking/", {
      params: { path: { shipment_id: shipmentId } },
      body: { eta },
    }),
  );
}

function useTrackingChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trackingQueryKey }),
  });
}

export const useAddTrackingEvent = () => useTrackingChange(addTrackingEvent);
export const useSetTrackingEta = () => useTrackingChange(setTrackingEta);
