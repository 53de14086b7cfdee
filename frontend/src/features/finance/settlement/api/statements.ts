/**
 * Bank statements: GET/POST /api/finance/bank-statements/ (list, CSV upload), GET …/{statement_id}/lines/,
 * GET /api/finance/bank-statement-lines/{statement_line_id}/matches/ and POST …/confirm/.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { newIdempotencyKey, settlementQueryKey } from "./keys";

export type Statement = ResponseBody<TenantPaths["/api/finance/bank-statements/"]["get"]>["results"][number];
export type StatementLine = ResponseBody<
  TenantPaths["/api/finance/bank-statements/{statement_id}/lines/"]["get"]
>["results"][number];
export type LineMatch = ResponseBody<
  TenantPaths["/api/finance/bank-statement-lines/{statement_line_id}/matches/"]["get"]
>["results"][number];

export function useStatements(query: PageParams) {
  return useQuery({
    queryKey: [...settlementQueryKey, "statements", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/bank-statements/", { params: { query } })),
  });
}

export function useStatementLines(statementId: number | null) {
  return useQuery({
    queryKey: [...settlementQueryKey, "statement-lines", statementId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/finance/bank-statements/{statement_id}/lines/", {
          params: { path: { statement_id: statementId ?? 0 }, query: { page: 1, page_size: 200 } },
        }),
      ),
    enabled: statementId !== null,
  });
}

export function useLineMatches(lineId: number | null) {
  return useQuery({
    queryKey: [...settlementQueryKey, "line-matches", lineId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/finance/bank-statement-lines/{statement_line_id}/matches/", {
          params: { path: { statement_line_id: lineId ?? 0 } },
        }),
      ),
    enabled: lineId !== null,
  });
}

export function importStatement({ bankAccountId, file }: { bankAccountId: number; file: File }): Promise<Statement> {
  const form = new FormData();
  form.append("bank_account_id", String(bankAccountId));
  form.append("file", file, file.name);
  return unwrap(
    tenantApi.POST("/api/finance/bank-statements/", {
      body: form as unknown as { bank_account_id: number; file: string },
      headers: { "Idempotency-Key": newIdempotencyKey() },
    }),
  );
}

export function useImportStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importStatement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settlementQueryKey }),
  });
}

export function useConfirmLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ lineId, invoiceIds }: { lineId: number; invoiceIds: number[] }) =>
      unwrap(
        tenantApi.POST("/api/finance/bank-statement-lines/{statement_line_id}/confirm/", {
          params: { path: { statement_line_id: lineId } },
          body: { invoice_ids: invoiceIds },
          headers: { "Idempotency-Key": newIdempotencyKey() },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settlementQueryKey }),
  });
}
