/**
 * GET and POST /api/sales-orders/{order_id}/shipments/ — the order's shipments; ship (part of) the order:
 * stock is issued from its reservations and the buyer gets a dispatch advice (carrier, tracking, packages).
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
import { salesOrderChanged, salesOrderScope } from "./salesOrder";

type Path = TenantPaths["/api/sales-orders/{order_id}/shipments/"];
export type Shipment = PageItem<ResponseBody<Path["get"]>>;
export type ShipmentInput = RequestBody<Path["post"]>;

export function getShipments(id: number): Promise<Shipment[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/sales-orders/{order_id}/shipments/", { params: { path: { order_id: id }, query } })),
  );
}

export function useShipments(id: number) {
  return useQuery({ queryKey: [...salesOrderScope(id), "shipments"], queryFn: () => getShipments(id) });
}

export function createShipment({
  id,
  body,
  idempotencyKey,
}: {
  id: number;
  body: ShipmentInput;
  idempotencyKey: string;
}) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/shipments/", {
      params: { path: { order_id: id } },
      body,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

export function useCreateShipment() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createShipment, onSuccess: (_, { id }) => salesOrderChanged(queryClient, id) });
}
