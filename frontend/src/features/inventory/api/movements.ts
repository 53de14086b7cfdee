/**
 * POST /api/inventory/receipts/, …/issues/, …/adjustments/ and …/transfers/ — the manual stock movements
 * (`stock.adjust`). Each appends to the ledger; a transfer answers its two entries (out, then in).
 * Stock never goes negative: `insufficient_stock` (409) when more is taken than is available.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

export type ReceiptInput = RequestBody<TenantPaths["/api/inventory/receipts/"]["post"]>;
export type IssueInput = RequestBody<TenantPaths["/api/inventory/issues/"]["post"]>;
export type AdjustmentInput = RequestBody<TenantPaths["/api/inventory/adjustments/"]["post"]>;
export type TransferInput = RequestBody<TenantPaths["/api/inventory/transfers/"]["post"]>;

export type MovementKind = "receipt" | "issue" | "adjustment" | "transfer";

export type Movement =
  | { kind: "receipt"; body: ReceiptInput }
  | { kind: "issue"; body: IssueInput }
  | { kind: "adjustment"; body: AdjustmentInput }
  | { kind: "transfer"; body: TransferInput };

/** Posts the movement; the key makes a retry after a lost answer happen once. */
export async function postMovement(movement: Movement, idempotencyKey: string): Promise<void> {
  const headers = { "Idempotency-Key": idempotencyKey };
  switch (movement.kind) {
    case "receipt":
      await unwrap(tenantApi.POST("/api/inventory/receipts/", { body: movement.body, headers }));
      return;
    case "issue":
      await unwrap(tenantApi.POST("/api/inventory/issues/", { body: movement.body, headers }));
      return;
    case "adjustment":
      await unwrap(tenantApi.POST("/api/inventory/adjustments/", { body: movement.body, headers }));
      return;
    case "transfer":
      await unwrap(tenantApi.POST("/api/inventory/transfers/", { body: movement.body, headers }));
      return;
  }
}

export function usePostMovement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ movement, idempotencyKey }: { movement: Movement; idempotencyKey: string }) =>
      postMovement(movement, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKey }),
  });
}
