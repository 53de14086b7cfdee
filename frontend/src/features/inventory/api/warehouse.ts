/** PATCH /api/inventory/warehouses/{warehouse_id}/ — rename, readdress, (de)activate or make the default. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";
import type { Warehouse } from "./warehouses";

export type WarehouseUpdate = RequestBody<TenantPaths["/api/inventory/warehouses/{warehouse_id}/"]["patch"]>;

export function updateWarehouse({ id, body }: { id: number; body: WarehouseUpdate }): Promise<Warehouse> {
  return unwrap(
    tenantApi.PATCH("/api/inventory/warehouses/{warehouse_id}/", {
      params: { path: { warehouse_id: id } },
      body,
    }),
  );
}

export function useUpdateWarehouse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWarehouse,
    // Names and codes show on stock levels and the ledger too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKey }),
  });
}
