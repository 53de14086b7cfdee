/**
 * PUT and GET /api/supplier-profile/certifications/{certification_id}/document/ — the scanned
 * certificate (PDF, PNG or JPEG), uploaded as multipart and downloaded as a file.
 */
import { useMutation } from "@tanstack/react-query";
import { multipartFile, tenantApi, unwrap } from "@/lib/api";
import { downloadFile } from "@/lib/files";
import { useRefreshCertifications } from "./certifications";

export function uploadCertificationDocument({ id, file }: { id: number; file: File }) {
  return unwrap(
    tenantApi.PUT("/api/supplier-profile/certifications/{certification_id}/document/", {
      params: { path: { certification_id: id } },
      body: multipartFile(file, file.name),
    }),
  );
}

export function useUploadCertificationDocument() {
  const refresh = useRefreshCertifications();
  return useMutation({ mutationFn: uploadCertificationDocument, onSuccess: refresh });
}

export function downloadCertificationDocument(id: number, fallbackName: string) {
  return downloadFile(`/api/supplier-profile/certifications/${id}/document/`, fallbackName);
}
