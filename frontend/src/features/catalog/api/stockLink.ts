/**
 * PUT and DELETE /api/catalog/listings/{listing_id}/stock-link/ — the listing shows an inventory item's
 * available quantity (PUT `{item_id}`), or returns to a declared figure (DELETE);
 * GET /api/inventory/items/ — the company's active items to pick from.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { listingQueryKey } from "./listing";
import { catalogQueryKey } from "./listings";

export type ListingStock = ResponseBody<TenantPaths["/api/catalog/listings/{listing_id}/stock-link/"]["put"]>;
export type StockItem = ResponseBody<TenantPaths["/api/inventory/items/"]["get"]>["results"][number];

export function linkStock({ listingId, itemId }: { listingId: number; itemId: number }): Promise<ListingStock> {
  return unwrap(
    tenantApi.PUT("/api/catalog/listings/{listing_id}/stock-link/", {
      params: { path: { listing_id: listingId } },
      body: { item_id: itemId },
    }),
  );
}

export function unlinkStock(listingId: number): Promise<ListingStock> {
  return unwrap(
    tenantApi.DELETE("/api/catalog/listings/{listing_id}/stock-link/", {
      params: { path: { listing_id: listingId } },
    }),
  );
}

function useAfterStockChange() {
  const queryClient = useQueryClient();
  return async (stock: ListingStock) => {
    await queryClient.invalidateQueries({ queryKey: listingQueryKey(stock.listing_id) });
    await queryClient.invalidateQueries({ queryKey: catalogQueryKey });
  };
}

export function useLinkStock() {
  const onSuccess = useAfterStockChange();
  return useMutation({ mutationFn: linkStock, onSuccess });
}

export function useUnlinkStock() {
  const onSuccess = useAfterStockChange();
  return useMutation({ mutationFn: unlinkStock, onSuccess });
}

export function findStockItems(search: string): Promise<StockItem[]> {
  return unwrap(
    tenantApi.GET("/api/inventory/items/", { params: { query: { search, active: true, page_size: 10 } } }),
  ).then((page) => page.results);
}

export function useStockItemHits(search: string) {
  return useQuery({
    queryKey: ["catalog", "stock-items", search],
    queryFn: () => findStockItems(search),
    staleTime: 30_000,
  });
}
