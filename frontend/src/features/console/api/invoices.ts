/** GET /api/console/invoices/?company_id= — a company's platform invoices, newest first (operators). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type RequestBody, type ResponseBody } from "@/lib/api";
import { consoleKey } from "./fleet";

export type ConsoleInvoicePage = ResponseBody<PublicPaths["/api/console/invoices/"]["get"]>;
export type ConsoleInvoice = ConsoleInvoicePage["results"][number];

export function useCompanyInvoices(companyId: number, page: PageParams) {
  return useQuery({
    queryKey: [...consoleKey, "invoices", companyId, page],
    queryFn: () =>
      unwrap(publicApi.GET("/api/console/invoices/", { params: { query: { company_id: companyId, ...page } } })),
    placeholderData: keepPreviousData,
  });
}

/** The invoice's PDF, as the browser opens it (same origin, the operator's session). */
export function invoicePdfUrl(invoiceId: number): string {
  return `/api/console/invoices/${invoiceId}/pdf/`;
}

export type PaymentInput = RequestBody<PublicPaths["/api/console/invoices/{invoice_id}/payments/"]["post"]>;

/** POST .../payments/ — a bank transfer received (idempotent: one key per dialog). */
export function useRecordPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, body, key }: { invoiceId: number; body: PaymentInput; key: string }) =>
      unwrap(
        publicApi.POST("/api/console/invoices/{invoice_id}/payments/", {
          params: { path: { invoice_id: invoiceId }, header: { "Idempotency-Key": key } },
          body,
        }),
      ),
    // The invoice, the company's subscription (a payment may lift past due) and the fleet change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}

/** POST .../void/ — an open invoice withdrawn, with a reason. */
export function useVoidInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, reason }: { invoiceId: number; reason: string }) =>
      unwrap(
        publicApi.POST("/api/console/invoices/{invoice_id}/void/", {
          params: { path: { invoice_id: invoiceId } },
          body: { reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}
