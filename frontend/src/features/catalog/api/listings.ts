/** GET and POST /api/catalog/listings/ — the company's own catalog (drafts and active; archived on ask). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";

type Path = TenantPaths["/api/catalog/listings/"];
export type OwnListingPage = ResponseBody<Path["get"]>;
export type OwnListing = OwnListingPage["results"][number];
export type ListingInput = RequestBody<Path["post"]>;
export type ListingQuery = QueryParams<Path["get"]>;

export const catalogQueryKey = ["catalog", "listings"] as const;

export function getOwnListings(query: ListingQuery): Promise<OwnListingPage> {
  return unwrap(tenantApi.GET("/api/catalog/listings/", { params: { query } }));
}

export function useOwnListings(query: ListingQuery) {
  return useQuery({
    queryKey: [...catalogQueryKey, query],
    queryFn: () => getOwnListings(query),
    placeholderData: keepPreviousData,
  });
}

export function createListing(body: ListingInput): Promise<OwnListing> {
  return unwrap(tenantApi.POST("/api/catalog/listings/", { body }));
}

export function useCreateListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createListing,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogQueryKey }),
  });
}
