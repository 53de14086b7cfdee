/**
 * GET and POST /api/purchase-orders/{order_id}/receipts/ and …/receive/ — goods received against the
 * order: per line accepted and rejected quantities (a reason for rejected goods), partial receipts too.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, type RequestBody, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import { orderScopeKey, purchaseOrderQueryKey } from "./purchaseOrder";
import { purchaseOrdersQueryKey } from "./purchaseOrders";

type ReceivePath = TenantPaths["/api/purchase-orders/{order_id}/receive/"];
export type ReceiptInput = RequestBody<ReceivePath["post"]>;
export type ReceiptLineInput = ReceiptInput["lines"][number];
export type Receipt = ResponseBody<ReceivePath["post"], 201>;

export function getReceipts(id: number): Promise<Receipt[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/purchase-orders/{order_id}/receipts/", { params: { path: { order_id: id }, query } })),
  );
}

export function useReceipts(id: number) {
  return useQuery({ queryKey: [...orderScopeKey(id), "receipts"], queryFn: () => getReceipts(id) });
}

/** One receipt; the key makes a retried request (a lost answer) record it only once. */
export function receiveGoods({ id, body, idempotencyKey }: { id: number; body: ReceiptInput; idempotencyKey: string }) {
  return unwrap(
    tenantApi.POST("/api/purchase-orders/{order_id}/receive/", {
      params: { path: { order_id: id } },
      body,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

export function useReceiveGoods() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: receiveGoods,
    onSuccess: (_, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: purchaseOrderQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: orderScopeKey(id) }),
        queryClient.invalidateQueries({ queryKey: [...purchaseOrdersQueryKey, "list"] }),
      ]),
  });
}
