/**
 * GET /api/billing/invoices/ — the platform's invoices to the company, newest first; each has its PDF
 * at `/api/billing/invoices/{invoice_id}/pdf/` (a plain link: the browser downloads it with the session).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { billingQueryKey } from "./overview";

export type InvoicePage = ResponseBody<TenantPaths["/api/billing/invoices/"]["get"]>;
export type PlatformInvoice = InvoicePage["results"][number];

export function getInvoices(query: PageParams): Promise<InvoicePage> {
  return unwrap(tenantApi.GET("/api/billing/invoices/", { params: { query } }));
}

export function useInvoices(query: PageParams) {
  return useQuery({
    queryKey: [...billingQueryKey, "invoices", query],
    queryFn: () => getInvoices(query),
    placeholderData: keepPreviousData,
  });
}

export function invoicePdfUrl(invoiceId: number): string {
  return `/api/billing/invoices/${invoiceId}/pdf/`;
}
