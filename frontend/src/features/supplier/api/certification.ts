/** PATCH and DELETE /api/supplier-profile/certifications/{certification_id}/. */
import { useMutation } from "@tanstack/react-query";
import { tenantApi, unwrap, unwrapEmpty, type RequestBody, type TenantPaths } from "@/lib/api";
import { useRefreshCertifications } from "./certifications";

export type CertificationUpdate = RequestBody<
  TenantPaths["/api/supplier-profile/certifications/{certification_id}/"]["patch"]
>;

export function updateCertification({ id, body }: { id: number; body: CertificationUpdate }) {
  return unwrap(
    tenantApi.PATCH("/api/supplier-profile/certifications/{certification_id}/", {
      params: { path: { certification_id: id } },
      body,
    }),
  );
}

export function deleteCertification(id: number) {
  return unwrapEmpty(
    tenantApi.DELETE("/api/supplier-profile/certifications/{certification_id}/", {
      params: { path: { certification_id: id } },
    }),
  );
}

export function useUpdateCertification() {
  const refresh = useRefreshCertifications();
  return useMutation({ mutationFn: updateCertification, onSuccess: refresh });
}

export function useDeleteCertification() {
  const refresh = useRefreshCertifications();
  return useMutation({ mutationFn: deleteCertification, onSuccess: refresh });
}
