/** GET /api/inventory/warehouses/ — where received goods can be put (stock.view; none: the default one). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type Warehouse = ResponseBody<TenantPaths["/api/inventory/warehouses/"]["get"]>["results"][number];

export function getWarehouses(): Promise<Warehouse[]> {
  return unwrap(
    tenantApi.GET("/api/inventory/warehouses/", { params: { query: { active: true, page_size: 200 } } }),
  ).then((page) => page.results);
}

export function useWarehouses({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ["procurement", "warehouses"], queryFn: getWarehouses, enabled, staleTime: 60_000 });
}
