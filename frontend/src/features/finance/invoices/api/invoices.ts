/**
 * /api/finance/invoices/ — invoices issued and received, credit and debit notes: the list with its
 * filters, one invoice with its lines and match table, and every action on it (issue, cancel, credit or
 * debit note, approve, reject, match again). Each action answers the invoice's new state.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  type PageItem,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  tenantApi,
  type TenantPaths,
  unwrap,
} from "@/lib/api";

type ListPath = TenantPaths["/api/finance/invoices/"];
type OnePath = TenantPaths["/api/finance/invoices/{invoice_id}/"];
export type InvoicePage = ResponseBody<ListPath["get"]>;
export type InvoiceSummary = PageItem<InvoicePage>;
export type Invoice = ResponseBody<OnePath["get"]>;
export type InvoiceLine = Invoice["lines"][number];
export type InvoiceMatch = NonNullable<InvoiceLine["match"]>;
export type InvoiceQuery = QueryParams<ListPath["get"]>;
export type ManualInvoiceInput = RequestBody<ListPath["post"]>;
export type FromShipmentsInput = RequestBody<TenantPaths["/api/finance/invoices/from-shipments/"]["post"]>;
export type CreditInput = RequestBody<TenantPaths["/api/finance/invoices/{invoice_id}/credit/"]["post"]>;
export type InvoiceStatus = Invoice["status"];

export const invoicesScope = ["finance", "invoices"] as const;

export function invoicesChanged(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: invoicesScope });
}

export function getInvoices(query: InvoiceQuery): Promise<InvoicePage> {
  return unwrap(tenantApi.GET("/api/finance/invoices/", { params: { query } }));
}

export function useInvoices(query: InvoiceQuery) {
  return useQuery({
    queryKey: [...invoicesScope, "list", query],
    queryFn: () => getInvoices(query),
    placeholderData: keepPreviousData,
  });
}

export function getInvoice(id: number): Promise<Invoice> {
  return unwrap(tenantApi.GET("/api/finance/invoices/{invoice_id}/", { params: { path: { invoice_id: id } } }));
}

export function useInvoice(id: number) {
  return useQuery({ queryKey: [...invoicesScope, "one", id], queryFn: () => getInvoice(id) });
}

export function invoicePdfUrl(id: number): string {
  return `/api/finance/invoices/${id}/pdf/`;
}

function withKey(idempotencyKey: string) {
  return { "Idempotency-Key": idempotencyKey };
}

export function useCreateManualInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ManualInvoiceInput; idempotencyKey: string }) =>
      unwrap(tenantApi.POST("/api/finance/invoices/", { body, headers: withKey(idempotencyKey) })),
    onSuccess: () => invoicesChanged(queryClient),
  });
}

export function useCreateFromShipments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: FromShipmentsInput; idempotencyKey: string }) =>
      unwrap(tenantApi.POST("/api/finance/invoices/from-shipments/", { body, headers: withKey(idempotencyKey) })),
    onSuccess: () => invoicesChanged(queryClient),
  });
}

type Action = "issue" | "cancel" | "match";

export function useInvoiceAction(action: Action) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => {
      const params = { params: { path: { invoice_id: id } } };
      if (action === "issue") return unwrap(tenantApi.POST("/api/finance/invoices/{invoice_id}/issue/", params));
      if (action === "cancel") return unwrap(tenantApi.POST("/api/finance/invoices/{invoice_id}/cancel/", params));
      return unwrap(tenantApi.POST("/api/finance/invoices/{invoice_id}/match/", params));
    },
    onSuccess: () => invoicesChanged(queryClient),
  });
}

export function useApproveInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/invoices/{invoice_id}/approve/", {
          params: { path: { invoice_id: id } },
          body: { note },
        }),
      ),
    onSuccess: () => invoicesChanged(queryClient),
  });
}

export function useRejectInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/invoices/{invoice_id}/reject/", {
          params: { path: { invoice_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: () => invoicesChanged(queryClient),
  });
}

export function useCreditInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, idempotencyKey }: { id: number; body: CreditInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/invoices/{invoice_id}/credit/", {
          params: { path: { invoice_id: id } },
          body,
          headers: withKey(idempotencyKey),
        }),
      ),
    onSuccess: () => invoicesChanged(queryClient),
  });
}
