/**
 * The company's own data: exports (GET/POST /api/company/export/, download link) and closure
 * (POST /api/company/close/, owners, confirmed by typing the slug).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FIRST_PAGE, tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { companyQueryKey } from "./company";

export type ExportPage = ResponseBody<TenantPaths["/api/company/export/"]["get"]>;
export type CompanyExport = ExportPage["results"][number];
export type CloseRequest = RequestBody<TenantPaths["/api/company/close/"]["post"]>;

const exportsKey = ["company", "exports"] as const;

export function useCompanyExports() {
  return useQuery({
    queryKey: exportsKey,
    queryFn: () => unwrap(tenantApi.GET("/api/company/export/", { params: { query: FIRST_PAGE } })),
    // A pending export is built by a worker: look again until it is ready.
    refetchInterval: (query) => (query.state.data?.results.some((e) => e.status === "pending") ? 3000 : false),
  });
}

export function useRequestExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(tenantApi.POST("/api/company/export/")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportsKey }),
  });
}

export function useCloseCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CloseRequest) => unwrap(tenantApi.POST("/api/company/close/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyQueryKey }),
  });
}
