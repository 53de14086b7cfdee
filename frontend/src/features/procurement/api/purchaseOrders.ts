/** GET and POST /api/purchase-orders/ — the company's purchase orders, newest first; POST makes a draft. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  tenantApi,
  unwrap,
  type PageParams,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  type TenantPaths,
} from "@/lib/api";

type Path = TenantPaths["/api/purchase-orders/"];
export type PoPage = ResponseBody<Path["get"]>;
export type PoSummary = PoPage["results"][number];
export type PoStatus = PoSummary["status"];
export type PoListQuery = PageParams & Omit<QueryParams<Path["get"]>, "page" | "page_size">;
export type PurchaseOrder = ResponseBody<Path["post"], 201>;
export type PoLine = PurchaseOrder["lines"][number];
export type ApprovalStep = PurchaseOrder["approval_steps"][number];
export type PoChange = PurchaseOrder["changes"][number];
export type PoShipment = PurchaseOrder["shipments"][number];
export type PoReceipt = PurchaseOrder["receipts"][number];
export type PoInput = RequestBody<Path["post"]>;
export type PoLineInput = PoInput["lines"][number];

/** Every status, in the order an order passes through them. */
export const PO_STATUSES = [
  "draft",
  "pending_approval",
  "approved",
  "sent",
  "acknowledged",
  "changed",
  "partly_received",
  "received",
  "closed",
  "cancelled",
] as const satisfies readonly PoStatus[];

export const purchaseOrdersQueryKey = ["purchase-orders"] as const;

export function getPurchaseOrders(query: PoListQuery): Promise<PoPage> {
  return unwrap(tenantApi.GET("/api/purchase-orders/", { params: { query } }));
}

export function usePurchaseOrders(query: PoListQuery) {
  return useQuery({
    queryKey: [...purchaseOrdersQueryKey, "list", query],
    queryFn: () => getPurchaseOrders(query),
    placeholderData: keepPreviousData,
  });
}

/** A draft; the key makes a retried request (a lost answer) create it only once. */
export function createPurchaseOrder({ body, idempotencyKey }: { body: PoInput; idempotencyKey: string }) {
  return unwrap(tenantApi.POST("/api/purchase-orders/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreatePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPurchaseOrder,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...purchaseOrdersQueryKey, "list"] }),
  });
}
