/**
 * POST /api/rfqs/{rfq_id}/attachments/, DELETE and GET …/attachments/{attachment_id}/ — drawings and
 * specifications sent with the RFQ (at most 10); downloads always come as files.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { multipartFile, tenantApi, unwrap, unwrapEmpty } from "@/lib/api";
import { downloadFile } from "@/lib/files";
import { rfqQueryKey } from "./rfq";

export function uploadRfqAttachment({ rfqId, file }: { rfqId: number; file: File }) {
  return unwrap(
    tenantApi.POST("/api/rfqs/{rfq_id}/attachments/", {
      params: { path: { rfq_id: rfqId } },
      body: multipartFile(file, file.name),
    }),
  );
}

export function deleteRfqAttachment({ rfqId, attachmentId }: { rfqId: number; attachmentId: number }) {
  return unwrapEmpty(
    tenantApi.DELETE("/api/rfqs/{rfq_id}/attachments/{attachment_id}/", {
      params: { path: { rfq_id: rfqId, attachment_id: attachmentId } },
    }),
  );
}

export function downloadRfqAttachment(rfqId: number, attachmentId: number, filename: string) {
  return downloadFile(`/api/rfqs/${rfqId}/attachments/${attachmentId}/`, filename);
}

export function downloadQuoteAttachment(rfqId: number, quoteId: number, attachmentId: number, filename: string) {
  return downloadFile(`/api/rfqs/${rfqId}/quotes/${quoteId}/attachments/${attachmentId}/`, filename);
}

function useAttachmentChange<A extends { rfqId: number }, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (_, { rfqId }) => queryClient.invalidateQueries({ queryKey: rfqQueryKey(rfqId) }),
  });
}

export const useUploadRfqAttachment = () => useAttachmentChange(uploadRfqAttachment);
export const useDeleteRfqAttachment = () => useAttachmentChange(deleteRfqAttachment);
