/**
 * GET /api/billing/invoices/ — the platform's invoices to the company, and their PDF
 * (`/api/billing/invoices/{invoice_id}/pdf/`). Typed by hand until the invoices API is in the generated
 * document; a host without it answers 404, which the page shows as "no invoices yet".
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Page, PageParams } from "@/lib/api";
import { requestHeaders } from "@/lib/api";
import { isProblem, networkProblem, problemFromResponse } from "@/lib/problem";
import { billingQueryKey } from "./overview";

export interface PlatformInvoice {
  id: number;
  number: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  issued_at: string | null;
  due_at: string | null;
  total: string;
  amount_paid?: string;
  paid_amount?: string;
  currency: string;
}

export interface InvoiceList {
  available: boolean;
  page: Page<PlatformInvoice>;
}

const EMPTY: Page<PlatformInvoice> = { count: 0, next: null, previous: null, results: [] };

export async function getInvoices(query: PageParams & { status?: string }): Promise<InvoiceList> {
  const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  let response: Response;
  try {
    response = await fetch(`/api/billing/invoices/?${params.toString()}`, {
      credentials: "same-origin",
      headers: requestHeaders("GET"),
    });
  } catch (error) {
    throw networkProblem(error);
  }
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    // No invoices API on this server yet (its route is missing): nothing to list.
    if (isProblem(problem) && problem.status === 404 && query.page === 1) return { available: false, page: EMPTY };
    throw problem;
  }
  return { available: true, page: (await response.json()) as Page<PlatformInvoice> };
}

export function useInvoices(query: PageParams & { status?: string }) {
  return useQuery({
    queryKey: [...billingQueryKey, "invoices", query],
    queryFn: () => getInvoices(query),
    placeholderData: keepPreviousData,
  });
}

export function invoicePdfUrl(invoiceId: number): string {
  return `/api/billing/invoices/${invoiceId}/pdf/`;
}
