/**
 * GET /api/trading-partners/ and GET /api/marketplace/suppliers/ — the companies on Hansa an order can go
 * to: those already traded with, and any supplier found on the marketplace (by its company id).
 */
import { useQuery } from "@tanstack/react-query";
import { publicApi, tenantApi, unwrap, type PublicPaths, type ResponseBody, type TenantPaths } from "@/lib/api";

export type TradingPartner = ResponseBody<TenantPaths["/api/trading-partners/"]["get"]>["results"][number];
export type SupplierCard = ResponseBody<PublicPaths["/api/marketplace/suppliers/"]["get"]>["results"][number];

export function getTradingPartners(): Promise<TradingPartner[]> {
  return unwrap(tenantApi.GET("/api/trading-partners/", { params: { query: { page_size: 200 } } })).then(
    (page) => page.results,
  );
}

export function useTradingPartners() {
  return useQuery({ queryKey: ["procurement", "trading-partners"], queryFn: getTradingPartners, staleTime: 60_000 });
}

export function findSuppliers(q: string): Promise<SupplierCard[]> {
  return unwrap(
    publicApi.GET("/api/marketplace/suppliers/", { params: { query: { q, page_size: 10, sort: "relevance" } } }),
  ).then((page) => page.results);
}

export function useSupplierHits(q: string) {
  return useQuery({
    queryKey: ["procurement", "supplier-hits", q],
    queryFn: () => findSuppliers(q),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
  });
}
