/** GET and POST /api/inventory/warehouses/ — the company's warehouses by code; the first one made is the default. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

type Path = TenantPaths["/api/inventory/warehouses/"];
export type WarehousePage = ResponseBody<Path["get"]>;
export type Warehouse = WarehousePage["results"][number];
export type WarehouseQuery = QueryParams<Path["get"]>;
export type WarehouseInput = RequestBody<Path["post"]>;

export const warehousesKey = [...inventoryKey, "warehouses"] as const;

/** A company has a handful of warehouses: one page of the server's largest size holds them all. */
export const ALL_WAREHOUSES = { page: 1, page_size: 200 } as const;

export function getWarehouses(query: WarehouseQuery): Promise<WarehousePage> {
  return unwrap(tenantApi.GET("/api/inventory/warehouses/", { params: { query } }));
}

export function useWarehouses(query: WarehouseQuery = ALL_WAREHOUSES) {
  return useQuery({ queryKey: [...warehousesKey, query], queryFn: () => getWarehouses(query) });
}

export function createWarehouse({
  body,
  idempotencyKey,
}: {
  body: WarehouseInput;
  idempotencyKey: string;
}): Promise<Warehouse> {
  return unwrap(tenantApi.POST("/api/inventory/warehouses/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreateWarehouse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWarehouse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: warehousesKey }),
  });
}
