/**
 * GET, PATCH and DELETE /api/catalog/listings/{listing_id}/ — one listing of the company's catalog;
 * DELETE archives it (documents keep pointing at it).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, unwrapEmpty, type RequestBody, type TenantPaths } from "@/lib/api";
import { catalogQueryKey, type OwnListing } from "./listings";

export type ListingUpdate = RequestBody<TenantPaths["/api/catalog/listings/{listing_id}/"]["patch"]>;

export const listingQueryKey = (id: number) => ["catalog", "listing", id] as const;

export function getOwnListing(id: number): Promise<OwnListing> {
  return unwrap(tenantApi.GET("/api/catalog/listings/{listing_id}/", { params: { path: { listing_id: id } } }));
}

export function useOwnListing(id: number | null) {
  return useQuery({
    queryKey: listingQueryKey(id ?? 0),
    queryFn: () => getOwnListing(id ?? 0),
    enabled: id !== null,
  });
}

export function updateListing({ id, body }: { id: number; body: ListingUpdate }): Promise<OwnListing> {
  return unwrap(tenantApi.PATCH("/api/catalog/listings/{listing_id}/", { params: { path: { listing_id: id } }, body }));
}

export function archiveListing(id: number) {
  return unwrapEmpty(tenantApi.DELETE("/api/catalog/listings/{listing_id}/", { params: { path: { listing_id: id } } }));
}

export function useUpdateListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateListing,
    onSuccess: async (listing) => {
      queryClient.setQueryData(listingQueryKey(listing.id), listing);
      await queryClient.invalidateQueries({ queryKey: catalogQueryKey });
    },
  });
}

export function useArchiveListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveListing,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogQueryKey }),
  });
}
