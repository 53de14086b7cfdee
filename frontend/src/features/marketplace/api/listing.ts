/** GET /api/marketplace/listings/{listing_id}/ — one public listing (prices for signed-in members). */
import { useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type ResponseBody } from "@/lib/api";

export type Listing = ResponseBody<PublicPaths["/api/marketplace/listings/{listing_id}/"]["get"]>;

export function getListing(id: number): Promise<Listing> {
  return unwrap(publicApi.GET("/api/marketplace/listings/{listing_id}/", { params: { path: { listing_id: id } } }));
}

export function useListing(id: number) {
  return useQuery({
    queryKey: ["marketplace", "listing", id],
    queryFn: () => getListing(id),
  });
}
