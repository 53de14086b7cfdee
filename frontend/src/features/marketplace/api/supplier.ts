/** GET /api/marketplace/suppliers/{supplier_id}/ — a supplier's public page: qualifications, history. */
import { useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type ResponseBody } from "@/lib/api";

export type SupplierPage = ResponseBody<PublicPaths["/api/marketplace/suppliers/{supplier_id}/"]["get"]>;

export function getSupplier(id: number): Promise<SupplierPage> {
  return unwrap(publicApi.GET("/api/marketplace/suppliers/{supplier_id}/", { params: { path: { supplier_id: id } } }));
}

export function useSupplier(id: number) {
  return useQuery({
    queryKey: ["marketplace", "supplier", id],
    queryFn: () => getSupplier(id),
  });
}
