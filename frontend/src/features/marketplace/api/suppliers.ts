/**
 * GET /api/marketplace/suppliers/ — public supplier profiles by words, category subtree, region,
 * certification held and valid, verified only; by relevance, rating or name (both hosts, anyone).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type QueryParams, type ResponseBody } from "@/lib/api";

type Operation = PublicPaths["/api/marketplace/suppliers/"]["get"];
export type SupplierQuery = QueryParams<Operation>;
export type SupplierSearchPage = ResponseBody<Operation>;
export type SupplierCard = SupplierSearchPage["results"][number];

export function searchSuppliers(query: SupplierQuery): Promise<SupplierSearchPage> {
  return unwrap(publicApi.GET("/api/marketplace/suppliers/", { params: { query } }));
}

export function useSupplierSearch(query: SupplierQuery) {
  return useQuery({
    queryKey: ["marketplace", "suppliers", query],
    queryFn: () => searchSuppliers(query),
    placeholderData: keepPreviousData,
  });
}
