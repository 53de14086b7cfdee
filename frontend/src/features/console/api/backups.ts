/**
 * Backups (operators): GET /api/console/backups/ (every company's, also of deleted companies), GET/POST
 * /api/console/companies/{id}/backups/ (a company's list, manual backup) and POST
 * .../backups/{backup_id}/restore/ (restore with a reason, audited).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type QueryParams, type ResponseBody } from "@/lib/api";
import { consoleKey, present } from "./fleet";

export type BackupPage = ResponseBody<PublicPaths["/api/console/companies/{company_id}/backups/"]["get"]>;
export type Backup = BackupPage["results"][number];
export type RestoreResult = ResponseBody<
  PublicPaths["/api/console/companies/{company_id}/backups/{backup_id}/restore/"]["post"]
>;

type PlatformOperation = PublicPaths["/api/console/backups/"]["get"];
export type PlatformBackupPage = ResponseBody<PlatformOperation>;
export type PlatformBackup = PlatformBackupPage["results"][number];
export type BackupFilters = Pick<QueryParams<PlatformOperation>, "q" | "status" | "company_missing">;

/** Every company's backups, newest first; `company.exists` is false once the company's row is gone. */
export function useBackups(filters: BackupFilters, page: PageParams) {
  return useQuery({
    queryKey: [...consoleKey, "backups", "all", present(filters), page],
    queryFn: () =>
      unwrap(publicApi.GET("/api/console/backups/", { params: { query: { ...present(filters), ...page } } })),
    placeholderData: keepPreviousData,
  });
}

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
