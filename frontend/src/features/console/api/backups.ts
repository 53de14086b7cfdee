/**
 * A company's backups (operators): GET/POST /api/console/companies/{id}/backups/ (list, manual backup) and
 * POST .../backups/{backup_id}/restore/ (restore with a reason, audited).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type ResponseBody } from "@/lib/api";
import { consoleKey } from "./fleet";

export type BackupPage = ResponseBody<PublicPaths["/api/console/companies/{company_id}/backups/"]["get"]>;
export type Backup = BackupPage["results"][number];

export function useCompanyBackups(companyId: number, page: PageParams) {
  return useQuery({
    queryKey: [...consoleKey, "backups", companyId, page],
    queryFn: () =>
      unwrap(
        publicApi.GET("/api/console/companies/{company_id}/backups/", {
          params: { path: { company_id: companyId }, query: page },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useStartBackup(companyId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        publicApi.POST("/api/console/companies/{company_id}/backups/", {
          params: { path: { company_id: companyId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}

export function useRestoreBackup(companyId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ backupId, reason }: { backupId: number; reason: string }) =>
      unwrap(
        publicApi.POST("/api/console/companies/{company_id}/backups/{backup_id}/restore/", {
          params: { path: { company_id: companyId, backup_id: backupId } },
          body: { reason },
        }),
      ),
    // The company, its audit and the platform audit change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}

export function useReopenCompany(companyId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      unwrap(
        publicApi.POST("/api/console/companies/{company_id}/reopen/", {
          params: { path: { company_id: companyId } },
          body: { reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}
