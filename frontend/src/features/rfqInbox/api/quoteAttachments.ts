/**
 * POST /api/rfq-inbox/{rfq_id}/quote/attachments/, DELETE and GET …/{attachment_id}/ — files sent
 * with the company's quote (at most 10), while the RFQ takes quotes.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { multipartFile, tenantApi, unwrap, unwrapEmpty } from "@/lib/api";
import { downloadFile } from "@/lib/files";
import { inboxRfqQueryKey } from "./inboxRfq";

export function uploadQuoteAttachment({ rfqId, file }: { rfqId: number; file: File }) {
  return unwrap(
    tenantApi.POST("/api/rfq-inbox/{rfq_id}/quote/attachments/", {
      params: { path: { rfq_id: rfqId } },
      body: multipartFile(file, file.name),
    }),
  );
}

export function deleteQuoteAttachment({ rfqId, attachmentId }: { rfqId: number; attachmentId: number }) {
  return unwrapEmpty(
    tenantApi.DELETE("/api/rfq-inbox/{rfq_id}/quote/attachments/{attachment_id}/", {
      params: { path: { rfq_id: rfqId, attachment_id: attachmentId } },
    }),
  );
}

export function downloadOwnQuoteAttachment(rfqId: number, attachmentId: number, filename: string) {
  return downloadFile(`/api/rfq-inbox/${rfqId}/quote/attachments/${attachmentId}/`, filename);
}

function useChange<A extends { rfqId: number }, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (_, { rfqId }) => queryClient.invalidateQueries({ queryKey: inboxRfqQueryKey(rfqId) }),
  });
}

export const useUploadQuoteAttachment = () => useChange(uploadQuoteAttachment);
export const useDeleteQuoteAttachment = () => useChange(deleteQuoteAttachment);
