/**
 * GET /api/marketplace/search/ — public listings by words (Chinese or English), filters, facets and
 * sorting. Both hosts answer it alike; prices come back only for signed-in members (`prices_visible`).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type QueryParams, type ResponseBody } from "@/lib/api";

type Operation = PublicPaths["/api/marketplace/search/"]["get"];
export type SearchQuery = QueryParams<Operation>;
export type SearchPage = ResponseBody<Operation>;
export type ListingCard = SearchPage["results"][number];
export type SearchFacets = SearchPage["facets"];
export type SearchSort = NonNullable<SearchQuery["sort"]>;

export const searchQueryKey = ["marketplace", "search"] as const;

export function searchListings(query: SearchQuery): Promise<SearchPage> {
  return unwrap(publicApi.GET("/api/marketplace/search/", { params: { query } }));
}

export function useListingSearch(query: SearchQuery, enabled = true) {
  return useQuery({
    queryKey: [...searchQueryKey, query],
    queryFn: () => searchListings(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}
