/**
 * GET /api/catalog/imports/{job_id}/ (polled while the job works in the background) and
 * POST …/apply/ — import every row, or with `only_valid` only the rows without errors.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { catalogQueryKey } from "./listings";
import { importsQueryKey, type ImportJob, type ImportState } from "./imports";

export const importJobQueryKey = (id: number) => ["catalog", "import", id] as const;

/** States in which a background task is still working on the file. */
export const WORKING_STATES: readonly ImportState[] = ["validating", "importing"];

export const POLL_INTERVAL_MS = 1000;

export function getImportJob(id: number): Promise<ImportJob> {
  return unwrap(tenantApi.GET("/api/catalog/imports/{job_id}/", { params: { path: { job_id: id } } }));
}

/** The job, read again every second while it is validating or importing. */
export function useImportJob(id: number) {
  return useQuery({
    queryKey: importJobQueryKey(id),
    queryFn: () => getImportJob(id),
    refetchInterval: (query) =>
      query.state.data && WORKING_STATES.includes(query.state.data.state) ? POLL_INTERVAL_MS : false,
    staleTime: 0,
  });
}

export function applyImport({ id, onlyValid }: { id: number; onlyValid: boolean }): Promise<ImportJob> {
  return unwrap(
    tenantApi.POST("/api/catalog/imports/{job_id}/apply/", {
      params: { path: { job_id: id } },
      body: { only_valid: onlyValid },
    }),
  );
}

export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyImport,
    onSuccess: async (job) => {
      queryClient.setQueryData(importJobQueryKey(job.id), job);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: importsQueryKey }),
        queryClient.invalidateQueries({ queryKey: catalogQueryKey }),
      ]);
    },
  });
}
