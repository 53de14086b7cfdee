/**
 * GET /api/catalog/listings/ and GET /api/catalog/listings/{listing_id}/ — the company's own marketplace
 * listings, as an item links to one (any member may read them).
 */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

export type OwnListing = ResponseBody<TenantPaths["/api/catalog/listings/{listing_id}/"]["get"]>;

export async function findOwnListings(q: string): Promise<OwnListing[]> {
  const page = await unwrap(
    tenantApi.GET("/api/catalog/listings/", { params: { query: { q: q.trim() || undefined, page_size: 20 } } }),
  );
  return page.results;
}

export function useOwnListings(q: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...inventoryKey, "own-listings", q.trim()],
    queryFn: () => findOwnListings(q),
    staleTime: 60_000,
    enabled,
  });
}

export function getOwnListing(id: number): Promise<OwnListing> {
  return unwrap(tenantApi.GET("/api/catalog/listings/{listing_id}/", { params: { path: { listing_id: id } } }));
}

export function useOwnListing(id: number | null | undefined) {
  return useQuery({
    queryKey: [...inventoryKey, "own-listing", id ?? 0],
    queryFn: () => getOwnListing(id ?? 0),
    enabled: id !== null && id !== undefined,
    staleTime: 60_000,
    retry: false,
  });
}
