/**
 * What the grant form picks from: GET /api/trading-partners/ (whom one may share with),
 * GET /api/inventory/items/ and GET /api/inventory/warehouses/ (what one may share).
 */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { sharingQueryKey } from "./keys";

export function useTradingPartners() {
  return useQuery({
    queryKey: [...sharingQueryKey, "partners"],
    queryFn: () => unwrap(tenantApi.GET("/api/trading-partners/", { params: { query: { page_size: 200 } } })),
  });
}

/** Active items matching `search` (and, when given, in the category `category` or below it). */
export function useItemOptions(search: string, category?: string) {
  return useQuery({
    queryKey: [...sharingQueryKey, "items", search, category ?? ""],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/inventory/items/", {
          params: { query: { search, active: true, page_size: 200, ...(category ? { category } : {}) } },
        }),
      ),
  });
}

export function useWarehouseOptions() {
  return useQuery({
    queryKey: [...sharingQueryKey, "warehouses"],
    queryFn: () =>
      unwrap(tenantApi.GET("/api/inventory/warehouses/", { params: { query: { active: true, page_size: 200 } } })),
  });
}
