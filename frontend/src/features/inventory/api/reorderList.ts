/** GET /api/inventory/reorder-list/ — active items whose available stock (all warehouses) is below their reorder point. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

export type ReorderRow = ResponseBody<TenantPaths["/api/inventory/reorder-list/"]["get"]>[number];

export function getReorderList(): Promise<ReorderRow[]> {
  return unwrap(tenantApi.GET("/api/inventory/reorder-list/"));
}

export function useReorderList() {
  return useQuery({ queryKey: [...inventoryKey, "reorder-list"], queryFn: getReorderList });
}
