/** GET /api/inventory/ledger/ — the append-only stock ledger, newest first. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

type Path = TenantPaths["/api/inventory/ledger/"];
export type LedgerPage = ResponseBody<Path["get"]>;
export type LedgerEntry = LedgerPage["results"][number];
export type LedgerQuery = QueryParams<Path["get"]>;
export type LedgerKind = LedgerEntry["kind"];

/** Every kind of entry, in the order a movement's life runs. */
export const LEDGER_KINDS = [
  "receipt",
  "issue",
  "adjustment",
  "transfer_out",
  "transfer_in",
  "reservation",
  "release",
] as const satisfies readonly LedgerKind[];

export function getLedger(query: LedgerQuery): Promise<LedgerPage> {
  return unwrap(tenantApi.GET("/api/inventory/ledger/", { params: { query } }));
}

export function useLedger(query: LedgerQuery) {
  return useQuery({
    queryKey: [...inventoryKey, "ledger", query],
    queryFn: () => getLedger(query),
    placeholderData: keepPreviousData,
  });
}
