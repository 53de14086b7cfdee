/**
 * GET /api/rfq-inbox/{rfq_id}/ — one RFQ as a supplier sees it, with the company's own quote (if any)
 * and the outcome; GET …/attachments/{attachment_id}/ — the buyer's files.
 */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { downloadFile } from "@/lib/files";

export type InboxRfq = ResponseBody<TenantPaths["/api/rfq-inbox/{rfq_id}/"]["get"]>;
export type InboxLine = InboxRfq["lines"][number];
export type OwnQuote = NonNullable<InboxRfq["quote"]>;

export const inboxRfqQueryKey = (id: number) => ["rfq-inbox", "detail", id] as const;

export function getInboxRfq(id: number): Promise<InboxRfq> {
  return unwrap(tenantApi.GET("/api/rfq-inbox/{rfq_id}/", { params: { path: { rfq_id: id } } }));
}

/** Read again every 30 s while quotes are taken, so closing shows up without a reload. */
export function useInboxRfq(id: number) {
  return useQuery({
    queryKey: inboxRfqQueryKey(id),
    queryFn: () => getInboxRfq(id),
    refetchInterval: (query) => (query.state.data?.accepting_quotes ? 30_000 : false),
  });
}

export function downloadBuyerAttachment(rfqId: number, attachmentId: number, filename: string) {
  return downloadFile(`/api/rfq-inbox/${rfqId}/attachments/${attachmentId}/`, filename);
}
