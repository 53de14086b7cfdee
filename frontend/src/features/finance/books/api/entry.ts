/** GET /api/finance/entries/{entry_id}/ — one journal entry with its lines. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { entriesKey } from "./entries";

type Op = TenantPaths["/api/finance/entries/{entry_id}/"]["get"];
export type EntryDetail = ResponseBody<Op>;

export function getEntry(entryId: number): Promise<EntryDetail> {
  return unwrap(tenantApi.GET("/api/finance/entries/{entry_id}/", { params: { path: { entry_id: entryId } } }));
}

export function useEntry(entryId: number | null) {
  return useQuery({
    queryKey: [...entriesKey, "one", entryId],
    queryFn: () => getEntry(entryId ?? 0),
    enabled: entryId !== null,
  });
}
