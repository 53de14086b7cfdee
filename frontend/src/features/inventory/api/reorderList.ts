/** GET /api/inventory/reorder-list/ — active items whose available stock (all warehouses) is below their reorder point. */
import { useQuery } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import { inventoryKey } from "./keys";

export type ReorderRow = PageItem<ResponseBody<TenantPaths["/api/inventory/reorder-list/"]["get"]>>;

export function getReorderList(): Promise<ReorderRow[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/inventory/reorder-list/", { params: { query } })));
}

export function useReorderList() {
  return useQuery({ queryKey: [...inventoryKey, "reorder-list"], queryFn: getReorderList });
}
