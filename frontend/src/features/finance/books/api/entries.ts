/** GET and POST /api/finance/entries/ — journal entries (newest first, with their lines); POST posts a manual entry. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Path = TenantPaths["/api/finance/entries/"];
export type EntryPage = ResponseBody<Path["get"]>;
export type JournalEntry = EntryPage["results"][number];
export type JournalLine = JournalEntry["lines"][number];
export type EntryQuery = QueryParams<Path["get"]>;

/** One line of a manual entry: a debit or a credit (the other one "0"), in the functional currency. */
export interface ManualLineInput {
  account_id: number;
  debit: string;
  credit: string;
  description?: string;
  project_id?: number | null;
  cash_flow_tag?: string;
}

export interface ManualEntryInput {
  date: string;
  journal: string;
  description: string;
  lines: ManualLineInput[];
}

export const entriesKey = [...booksKey, "entries"] as const;

export function getEntries(query: EntryQuery): Promise<EntryPage> {
  return unwrap(tenantApi.GET("/api/finance/entries/", { params: { query } }));
}

export function useEntries(query: EntryQuery) {
  return useQuery({
    queryKey: [...entriesKey, "list", query],
    queryFn: () => getEntries(query),
    placeholderData: keepPreviousData,
  });
}

export function createEntry({
  body,
  idempotencyKey,
}: {
  body: ManualEntryInput;
  idempotencyKey: string;
}): Promise<JournalEntry> {
  return unwrap(tenantApi.POST("/api/finance/entries/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreateEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEntry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
}
