/**
 * GET and POST /api/catalog/imports/ — catalog files uploaded by the company. POST uploads a CSV or
 * XLSX file and starts its dry run: small files come back `validated`, large ones `validating` (poll).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { multipartFile, tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";

export type ImportJobPage = ResponseBody<TenantPaths["/api/catalog/imports/"]["get"]>;
export type ImportJob = ImportJobPage["results"][number];
export type ImportState = ImportJob["state"];

export const importsQueryKey = ["catalog", "imports"] as const;

export function getImportJobs(page: PageParams): Promise<ImportJobPage> {
  return unwrap(tenantApi.GET("/api/catalog/imports/", { params: { query: page } }));
}

export function useImportJobs(page: PageParams) {
  return useQuery({ queryKey: [...importsQueryKey, page], queryFn: () => getImportJobs(page) });
}

export function uploadCatalogFile(file: File): Promise<ImportJob> {
  return unwrap(tenantApi.POST("/api/catalog/imports/", { body: multipartFile(file, file.name) }));
}

export function useUploadCatalogFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCatalogFile,
    onSuccess: (job) => {
      queryClient.setQueryData(["catalog", "import", job.id], job);
      return queryClient.invalidateQueries({ queryKey: importsQueryKey });
    },
  });
}
