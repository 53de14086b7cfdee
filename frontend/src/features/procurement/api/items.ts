/** GET /api/inventory/items/ — the company's own items, to order one by its SKU (stock.view). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type InventoryItem = ResponseBody<TenantPaths["/api/inventory/items/"]["get"]>["results"][number];

export function findItems(search: string): Promise<InventoryItem[]> {
  return unwrap(
    tenantApi.GET("/api/inventory/items/", { params: { query: { search, active: true, page_size: 10 } } }),
  ).then((page) => page.results);
}

export function useItemHits(search: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ["procurement", "item-hits", search],
    queryFn: () => findItems(search),
    enabled: enabled && search.trim().length > 0,
    staleTime: 30_000,
  });
}
