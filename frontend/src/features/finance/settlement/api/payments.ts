/**
 * GET/POST /api/finance/payments/ — payments received and made; GET /api/finance/open-items/ — open
 * invoices to allocate them to; GET /api/finance/bank-accounts/ — the company's bank accounts.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  tenantApi,
  unwrap,
  type PageParams,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  type TenantPaths,
} from "@/lib/api";
import { newIdempotencyKey, settlementQueryKey } from "./keys";

export type PaymentPage = ResponseBody<TenantPaths["/api/finance/payments/"]["get"]>;
export type Payment = PaymentPage["results"][number];
export type PaymentInput = RequestBody<TenantPaths["/api/finance/payments/"]["post"]>;
export type OpenItemPage = ResponseBody<TenantPaths["/api/finance/open-items/"]["get"]>;
export type OpenItem = OpenItemPage["results"][number];
export type OpenItemQuery = QueryParams<TenantPaths["/api/finance/open-items/"]["get"]>;
export type BankAccount = ResponseBody<TenantPaths["/api/finance/bank-accounts/"]["get"]>["results"][number];

export function usePayments(query: PageParams & { direction?: "in" | "out" }) {
  return useQuery({
    queryKey: [...settlementQueryKey, "payments", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/payments/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useOpenItems(query: OpenItemQuery, enabled = true) {
  return useQuery({
    queryKey: [...settlementQueryKey, "open-items", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/open-items/", { params: { query } })),
    enabled,
  });
}

export function useBankAccounts(enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...settlementQueryKey, "bank-accounts"],
    queryFn: () =>
      unwrap(tenantApi.GET("/api/finance/bank-accounts/", { params: { query: { page: 1, page_size: 200 } } })),
  });
}

export function recordPayment(body: PaymentInput): Promise<Payment> {
  return unwrap(
    tenantApi.POST("/api/finance/payments/", { body, headers: { "Idempotency-Key": newIdempotencyKey() } }),
  );
}

export function useRecordPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordPayment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settlementQueryKey }),
  });
}
