/** GET /api/console/invoices/?company_id= — a company's platform invoices, newest first (operators). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type ResponseBody } from "@/lib/api";
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
