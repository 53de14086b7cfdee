/**
 * GET /api/marketplace/search/ and GET /api/marketplace/listings/{listing_id}/, as an RFQ line needs
 * them: find a listing to link (a few results per word typed) and read the one the buyer came from.
 */
import { useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type ResponseBody } from "@/lib/api";

export type ListingHit = ResponseBody<PublicPaths["/api/marketplace/search/"]["get"]>["results"][number];
export type LinkedListing = ResponseBody<PublicPaths["/api/marketplace/listings/{listing_id}/"]["get"]>;

export async function findListings(q: string): Promise<ListingHit[]> {
  const page = await unwrap(
    publicApi.GET("/api/marketplace/search/", { params: { query: { q, page_size: 10, sort: "relevance" } } }),
  );
  return page.results;
}

export function useListingHits(q: string) {
  return useQuery({
    queryKey: ["rfqs", "listing-hits", q],
    queryFn: () => findListings(q),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
  });
}

export function getLinkedListing(id: number): Promise<LinkedListing> {
  return unwrap(publicApi.GET("/api/marketplace/listings/{listing_id}/", { params: { path: { listing_id: id } } }));
}

export function useLinkedListing(id: number | null) {
  return useQuery({
    queryKey: ["rfqs", "linked-listing", id],
    queryFn: () => getLinkedListing(id ?? 0),
    enabled: id !== null,
    staleTime: 60_000,
  });
}
