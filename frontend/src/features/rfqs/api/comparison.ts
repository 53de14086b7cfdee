/**
 * GET /api/rfqs/{rfq_id}/comparison/ — lines x suppliers after closing (`409 rfq_sealed` while a
 * sealed RFQ is open); …/comparison/export/ — the same as a CSV file.
 */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { downloadFile } from "@/lib/files";

export type Comparison = ResponseBody<TenantPaths["/api/rfqs/{rfq_id}/comparison/"]["get"]>;
export type ComparisonRow = Comparison["rows"][number];
export type ComparisonCell = ComparisonRow["cells"][number];
export type ComparisonSupplier = Comparison["suppliers"][number];

export function getComparison(id: number): Promise<Comparison> {
  return unwrap(tenantApi.GET("/api/rfqs/{rfq_id}/comparison/", { params: { path: { rfq_id: id } } }));
}

export function useComparison(id: number, enabled = true) {
  return useQuery({ queryKey: ["rfqs", id, "comparison"], queryFn: () => getComparison(id), enabled });
}

export function exportComparison(id: number, reference: string) {
  return downloadFile(`/api/rfqs/${id}/comparison/export/?format=csv`, `${reference || `rfq-${id}`}-comparison.csv`);
}
